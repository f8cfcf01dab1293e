import { expect, test } from '@playwright/test';
import { signIn } from '../steps/app';

const JSON_HEADERS = { 'content-type': 'application/json' };

test('every API endpoint answers bad requests with 4xx and a JSON reason, never a 500', async ({
	page
}) => {
	await signIn(page);
	const api = page.request;
	const cases: {
		what: string;
		send: () => Promise<import('@playwright/test').APIResponse>;
		status: number;
		code: string;
	}[] = [
		{
			what: 'malformed JSON',
			send: () =>
				api.post('/api/session', { headers: JSON_HEADERS, data: Buffer.from('{"email":') }),
			status: 400,
			code: 'MALFORMED_JSON'
		},
		{
			what: 'wrong types',
			send: () => api.post('/api/session', { data: { email: 42, password: ['x'] } }),
			status: 400,
			code: 'INVALID_BODY'
		},
		{
			what: 'an array body',
			send: () => api.post('/api/session', { data: [] }),
			status: 400,
			code: 'INVALID_BODY'
		},
		{
			what: 'not JSON at all',
			send: () =>
				api.post('/api/session', {
					headers: {
						'content-type': 'application/xml',
						origin: new URL(page.url() || 'http://localhost').origin
					},
					data: '<x/>'
				}),
			status: 415,
			code: 'UNSUPPORTED_MEDIA_TYPE'
		},
		{
			what: 'an oversized body',
			send: () =>
				api.post('/api/session', {
					headers: JSON_HEADERS,
					data: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(300_000) })
				}),
			status: 413,
			code: 'BODY_TOO_LARGE'
		},
		{
			what: 'a missing region',
			send: () => api.get('/api/directory'),
			status: 400,
			code: 'INVALID_QUERY'
		},
		{
			what: 'an unknown region',
			send: () => api.get('/api/directory?region=Atlantis'),
			status: 400,
			code: 'INVALID_QUERY'
		},
		{
			what: 'an unknown API address',
			send: () => api.get('/api/nothing-here'),
			status: 404,
			code: 'NOT_FOUND'
		}
	];
	for (const { what, send, status, code } of cases) {
		const response = await send();
		expect(response.status(), what).toBe(status);
		const body = await response.json();
		expect(body, what).toMatchObject({ code, message: expect.any(String) });
	}
	// Nothing changed: the session still works.
	expect((await api.get('/api/session')).status()).toBe(200);
});

test('the directory answers with an ETag, and 304 when nothing changed', async ({ page }) => {
	await signIn(page);
	const first = await page.request.get('/api/directory?region=North%20East');
	expect(first.status()).toBe(200);
	expect((await first.json()).locations.length).toBeGreaterThan(0);
	const etag = first.headers()['etag']!;
	const again = await page.request.get('/api/directory?region=North%20East', {
		headers: { 'if-none-match': etag }
	});
	expect(again.status()).toBe(304);
});

test('the health check reports the database', async ({ request }) => {
	const response = await request.get('/api/health');
	expect(await response.json()).toEqual({
		status: 'ok',
		database: { kind: 'pglite', answers: true }
	});
});

test('a form post that cannot be read gets 400 and the page, not a 500', async ({
	request,
	baseURL
}) => {
	const response = await request.post('/sign-in', {
		headers: {
			'content-type': 'multipart/form-data; boundary=x',
			origin: baseURL!,
			accept: 'text/html'
		},
		data: Buffer.from('garbage')
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('The form could not be read. Try again.');
});

test('signing in never sends the browser to another site', async ({ page }) => {
	await page.goto('/sign-in?returnTo=%2F%09%2Fevil.example');
	await page.getByLabel('Email address').fill('inspector@example.test');
	await page.getByLabel('Password').fill('demo-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
});
