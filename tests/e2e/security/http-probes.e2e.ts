import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { databaseKinds, ServerProcess } from '../steps/server-process';
import { clientOf, PROBE_SETTINGS, rawExchange, signedIn } from '../steps/probes';

const EVERY_RESPONSE = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin'
};

/** Return addresses an attacker might try, and where each must lead after signing in. */
const RETURN_ADDRESSES: [string, string][] = [
	['/..//evil.example', '/admin/users'],
	['/.//evil.example', '/admin/users'],
	['/a/..//evil.example', '/admin/users'],
	['/%2e%2e//evil.example', '/admin/users'],
	['/%2E%2E//evil.example/x?y=1', '/admin/users'],
	['//evil.example', '/admin/users'],
	['///evil.example', '/admin/users'],
	['/\\evil.example', '/admin/users'],
	['/%09/evil.example', '/%09/evil.example'],
	['https://evil.example/', '/admin/users'],
	['/review?view=flags', '/review?view=flags'],
	['/review/../admin/directory', '/admin/directory']
];

for (const kind of databaseKinds()) {
	test.describe(`the server probed from outside on ${kind}`, () => {
		let server: ServerProcess;
		test.beforeAll(async () => {
			server = await ServerProcess.start(kind, PROBE_SETTINGS);
		});
		test.afterAll(async () => {
			await server.dispose();
		});

		for (const [returnTo, expected] of RETURN_ADDRESSES) {
			test(`after signing in, returnTo=${returnTo} leads to ${expected}`, async () => {
				const query = `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
				const form = await clientOf(server);
				const posted = await form.post(query, {
					form: { email: 'admin@example.test', password: 'demo-password' },
					headers: { accept: 'text/html' },
					maxRedirects: 0
				});
				expect(posted.status()).toBe(303);
				expect(posted.headers()['location']).toBe(expected);
				// Signed in already, the sign-in page sends the person on at once.
				const already = await form.get(query, { maxRedirects: 0 });
				expect(already.status()).toBe(303);
				expect(already.headers()['location']).toBe(expected);
			});
		}

		test('every kind of response carries the security headers; HTML has a policy; no HSTS over http', async () => {
			const anonymous = await clientOf(server);
			const inspector = await signedIn(await clientOf(server), 'inspector@example.test');
			const page = await anonymous.get('/sign-in');
			const asset = /\/_app\/immutable\/[^"]+\.js/.exec(await page.text())![0];
			const cases: [string, APIRequestContext, string, number, boolean][] = [
				['a page', anonymous, '/sign-in', 200, true],
				['the offline shell', anonymous, '/shell', 200, true],
				['a build asset', anonymous, asset, 200, false],
				['the service worker', anonymous, '/service-worker.js', 200, false],
				['the manifest', anonymous, '/manifest.webmanifest', 200, false],
				['an icon', anonymous, '/favicon.svg', 200, false],
				['an API answer', anonymous, '/api/health', 200, false],
				['the sign-in redirect of the access rules', anonymous, '/admin/users', 303, false],
				['the refusal page of the access rules', inspector, '/admin/users', 403, true],
				['a page that does not exist', anonymous, '/no/such/page', 404, true],
				['a build asset that does not exist', anonymous, '/_app/immutable/nothing.js', 404, false]
			];
			for (const [what, client, path, status, html] of cases) {
				const response = await client.get(path, {
					headers: { accept: html ? 'text/html' : '*/*' },
					maxRedirects: 0
				});
				expect(response.status(), what).toBe(status);
				const headers = response.headers();
				expect(headers, what).toMatchObject(EVERY_RESPONSE);
				expect(headers['strict-transport-security'], what).toBeUndefined();
				if (html) {
					expect(headers['content-type'], what).toContain('text/html');
					expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
					expect(headers['content-security-policy'], what).not.toContain('unsafe-inline');
				}
			}
			const refusal = await inspector.get('/admin/users', { headers: { accept: 'text/html' } });
			expect(await refusal.text()).toContain('You do not have permission to see this page');
		});

		test('the session cookie is __Host- prefixed, Secure, HttpOnly and for the whole site only', async () => {
			const response = await (
				await clientOf(server)
			).post('/api/session', {
				data: { email: 'inspector@example.test', password: 'demo-password' }
			});
			const cookie = response.headersArray().find((header) => header.name === 'set-cookie')!.value;
			expect(cookie).toMatch(
				/^__Host-esf_session=[\w-]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/
			);
		});

		test.describe('other methods', () => {
			for (const [method, path, allowed] of [
				['PUT', '/api/session', 'GET, POST, DELETE, HEAD'],
				['PATCH', '/api/session', 'GET, POST, DELETE, HEAD'],
				['DELETE', '/api/health', 'GET, HEAD'],
				['POST', '/api/directory', 'GET, HEAD'],
				['GET', '/api/sync/push', 'POST'],
				['PUT', '/api/sync/pull', 'POST'],
				['DELETE', '/api/openapi.json', 'GET, HEAD']
			] as const) {
				test(`${method} ${path} answers 405 JSON saying what it takes`, async () => {
					const client = await signedIn(await clientOf(server), 'inspector@example.test');
					const response = await client.fetch(path, {
						method,
						data: method === 'GET' ? undefined : {}
					});
					expect(response.status()).toBe(405);
					expect(response.headers()['content-type']).toContain('application/json');
					expect(response.headers()['allow']).toBe(allowed);
					expect(await response.json()).toEqual({
						code: 'METHOD_NOT_ALLOWED',
						message: `This address does not take ${method}; it takes ${allowed}`
					});
				});
			}
		});

		test('a NUL answers 400 with a message: in the directory cursor, an imported row and a new user’s name', async () => {
			const admin = await signedIn(await clientOf(server));
			const directory = await admin.get('/api/directory?region=London&after=%00');
			expect(directory.status()).toBe(400);
			expect(await directory.json()).toEqual({
				code: 'INVALID_QUERY',
				message: 'Remove the unreadable character (NUL)'
			});
			const csv = `${readFileSync('tests/fixtures/directory-sample.csv', 'utf8').split('\n')[0]}\nRZV09,RZV,Nul\u0000 Ward,SR4 7TP,North East,Sunderland,NHS Healthcare Organisation,N,\n`;
			for (const mode of ['check', 'import']) {
				const imported = await admin.post('/admin/directory', {
					multipart: {
						file: { name: 'nul.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
						mode
					},
					headers: { accept: 'text/html' }
				});
				expect(imported.status(), mode).toBe(200);
				const html = await imported.text();
				expect(html, mode).toContain('0 valid rows, 1 with problems');
				expect(html, mode).toContain('name: Remove the unreadable character (NUL)');
			}
			const user = await admin.post('/admin/users/new', {
				form: {
					name: 'Nul\u0000 Person',
					email: 'nul@example.test',
					role: 'inspector',
					password: 'a long enough password'
				},
				headers: { accept: 'text/html' },
				maxRedirects: 0
			});
			expect(user.status()).toBe(400);
			expect(await user.text()).toContain('Remove the unreadable character (NUL)');
		});

		test('sync changes that pass the schema but not the database are refused with a reason, and the queue goes on', async () => {
			const inspector = await signedIn(await clientOf(server), 'inspector@example.test');
			const { user } = await (await inspector.get('/api/session')).json();
			const deviceId = crypto.randomUUID();
			const at = new Date().toISOString();
			const start = (seq: number, changes: { startedAt?: string; name?: string } = {}) => ({
				seq,
				mutationId: crypto.randomUUID(),
				clientTime: at,
				name: 'conversation.start',
				argsVersion: 1,
				args: {
					conversationId: crypto.randomUUID(),
					location: {
						locationId: '1-999999999',
						providerId: '1-800000001',
						name: changes.name ?? 'Unlisted House',
						postcode: 'E1 6AN',
						region: 'London',
						localAuthority: 'Tower Hamlets',
						sector: 'adult-social-care',
						type: 'Social Care Org',
						careHome: false,
						beds: null
					},
					questionSet: { id: 'adult-social-care', version: 1 },
					startedAt: changes.startedAt ?? at
				}
			});
			const push = (mutations: unknown[], envelope: Record<string, unknown> = {}) =>
				inspector.post('/api/sync/push', {
					data: {
						protocol: 1,
						appVersion: 'probe',
						userId: user.id,
						deviceId,
						sentAt: at,
						mutations,
						...envelope
					}
				});
			// Text or a time no database could hold refuses that change alone: the next one applies.
			let seq = 0;
			for (const [what, poisoned, message] of [
				['half a surrogate pair', start(0, { name: 'Broken \ud800 House' }), 'broken character'],
				['a NUL character', start(0, { name: 'Null \u0000 House' }), 'NUL'],
				[
					'a change made in the year 0000',
					{ ...start(0), clientTime: '0000-01-01T00:00:00Z' },
					'Give a time in the years 1900 to 2999'
				],
				[
					'a conversation started in the year 0000',
					start(0, { startedAt: '0000-01-01T00:00:00Z' }),
					'Give a time in the years 1900 to 2999'
				],
				['an args version of 2^31', { ...start(0), argsVersion: 2 ** 31 }, 'not supported']
			] as const) {
				const answered = await push([{ ...poisoned, seq: ++seq }, start(++seq)]);
				expect(answered.status(), what).toBe(200);
				expect((await answered.json()).results, what).toEqual([
					expect.objectContaining({
						seq: seq - 1,
						status: 'rejected',
						message: expect.stringContaining(message)
					}),
					expect.objectContaining({ seq, status: 'applied' })
				]);
			}
			// Outside the changes, such a value refuses the request as a whole.
			const sentInYearZero = await push([start(++seq)], { sentAt: '0000-06-01T00:00:00Z' });
			expect(sentInYearZero.status()).toBe(400);
			expect(await sentInYearZero.json()).toMatchObject({
				code: 'INVALID_BODY',
				message: expect.stringContaining('Give a time in the years 1900 to 2999')
			});
			const brokenAppVersion = await push([start(seq)], { appVersion: 'v\ud800' });
			expect(brokenAppVersion.status()).toBe(400);
		});

		test.describe('bodies over the limit', () => {
			const claims = (path: string, type: string, accept = 'application/json') =>
				[
					`POST ${path} HTTP/1.1`,
					`Host: localhost:${server.port}`,
					`Origin: ${server.baseURL}`,
					`X-Forwarded-For: 203.0.113.9`,
					`Accept: ${accept}`,
					`Content-Type: ${type}`,
					'Content-Length: 16777216'
				].join('\n');

			for (const [what, path, type, accept, answer] of [
				[
					'an API sign-in',
					'/api/session',
					'application/json',
					'application/json',
					'"code":"BODY_TOO_LARGE"'
				],
				[
					'a sync upload',
					'/api/sync/push',
					'application/json',
					'application/json',
					'must be 1 MB or smaller'
				],
				[
					'the sign-in form',
					'/sign-in',
					'application/x-www-form-urlencoded',
					'text/html',
					'must be 256 KB or smaller'
				]
			] as const) {
				test(`${what} that claims 16 MB and sends nothing is refused at once, and its connection closed`, async () => {
					// Nothing of the body is sent, so an answer shows the server did not wait for it.
					const refused = await rawExchange(server, claims(path, type, accept));
					expect(refused.head).toMatch(/^HTTP\/1\.1 413 /);
					expect(refused.body).toContain(answer);
					expect(refused.closed).toBe(true);
				});
			}

			test('a chunked body read past the limit answers 413', async () => {
				const chunk = Buffer.alloc(64 * 1024, 'a');
				const body = Buffer.concat(
					Array.from({ length: 6 }, () =>
						Buffer.concat([
							Buffer.from(`${chunk.length.toString(16)}\r\n`),
							chunk,
							Buffer.from('\r\n')
						])
					)
				);
				const answer = await rawExchange(
					server,
					claims('/api/session', 'application/json').replace(
						'Content-Length: 16777216',
						'Transfer-Encoding: chunked'
					),
					{ body, waitMs: 8_000 }
				);
				expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
				expect(answer.body).toContain('"code":"BODY_TOO_LARGE"');
			});

			test('24 anonymous 16 MB sign-ins at once are each answered 413', async () => {
				const payload = Buffer.concat([
					Buffer.from('{"email":"a@b.org","password":"'),
					Buffer.alloc(16 * 1024 * 1024 - 100, 'a'),
					Buffer.from('"}')
				]);
				const send = () =>
					new Promise<number | string>((resolve) => {
						const request = httpRequest(
							{
								host: '127.0.0.1',
								port: server.port,
								method: 'POST',
								path: '/api/session',
								headers: {
									'content-type': 'application/json',
									'content-length': payload.length,
									'x-forwarded-for': '203.0.113.10'
								}
							},
							(response) => {
								response.resume();
								resolve(response.statusCode ?? 0);
							}
						);
						request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
						request.end(payload);
					});
				const answers = await Promise.all(Array.from({ length: 24 }, send));
				expect(answers).toEqual(Array(24).fill(413));
			});
		});
	});
}

for (const kind of databaseKinds()) {
	test(`served over HTTPS, every kind of response asks browsers to keep to HTTPS, on ${kind}`, async () => {
		// As behind a TLS-terminating proxy: the site's origin is https.
		const server = await ServerProcess.start(kind, { ORIGIN: 'https://esf.example' });
		try {
			const client = await request.newContext({ baseURL: server.baseURL });
			for (const path of ['/sign-in', '/api/health', '/favicon.svg', '/service-worker.js']) {
				const response = await client.get(path, { maxRedirects: 0 });
				expect(response.headers()['strict-transport-security'], path).toBe(
					'max-age=31536000; includeSubDomains'
				);
			}
		} finally {
			await server.dispose();
		}
	});
}
