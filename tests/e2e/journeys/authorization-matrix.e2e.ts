import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { routeIds } from '../../../src/lib/server/testing/route-ids';
import { DEMO_PASSWORD } from '../steps/app';

type Role = 'nobody' | 'inspector' | 'manager' | 'admin';
const ROLES: Role[] = ['nobody', 'inspector', 'manager', 'admin'];
const SOME_ID = '01a20000-0000-7000-8000-000000000000';

const shell = { nobody: 200, inspector: 200, manager: 200, admin: 200 };
const signedIn = { nobody: 303, inspector: 200, manager: 200, admin: 200 };
const adminOnly = { nobody: 303, inspector: 403, manager: 403, admin: 200 };
const signedInApi = { nobody: 401, inspector: 200, manager: 200, admin: 200 };
/** Review pages: managers and administrators; an unknown conversation answers 404, not 200. */
const reviewOnly = { nobody: 303, inspector: 403, manager: 200, admin: 200 };
const reviewMissing = { nobody: 303, inspector: 403, manager: 404, admin: 404 };
const signedInPostOnly = { nobody: 401, inspector: 405, manager: 405, admin: 405 };

/** Every route: an address to try and the status each role must get. */
const MATRIX: Record<string, { url: string; expected: Record<Role, number> }> = {
	'/(inspector)': { url: '/', expected: shell },
	'/(inspector)/about': { url: '/about', expected: shell },
	'/(inspector)/conversations/new': { url: '/conversations/new', expected: shell },
	'/(inspector)/conversations/[id=uuid]': { url: `/conversations/${SOME_ID}`, expected: shell },
	'/(inspector)/conversations/[id=uuid]/areas/[area=area]': {
		url: `/conversations/${SOME_ID}/areas/2`,
		expected: shell
	},
	'/(inspector)/conversations/[id=uuid]/amend/[question=question]': {
		url: `/conversations/${SOME_ID}/amend/1.1`,
		expected: shell
	},
	'/(inspector)/conversations/[id=uuid]/call-details': {
		url: `/conversations/${SOME_ID}/call-details`,
		expected: shell
	},
	'/(inspector)/conversations/[id=uuid]/check': {
		url: `/conversations/${SOME_ID}/check`,
		expected: shell
	},
	'/(inspector)/conversations/[id=uuid]/outcome': {
		url: `/conversations/${SOME_ID}/outcome`,
		expected: shell
	},
	'/(inspector)/conversations/[id=uuid]/risks': {
		url: `/conversations/${SOME_ID}/risks`,
		expected: shell
	},
	'/(inspector)/conversations/[id=uuid]/summary': {
		url: `/conversations/${SOME_ID}/summary`,
		expected: shell
	},
	'/(inspector)/sign-out': { url: '/sign-out', expected: shell },
	'/shell': { url: '/shell', expected: shell },
	'/(account)/sign-in': {
		url: '/sign-in',
		expected: { nobody: 200, inspector: 303, manager: 303, admin: 303 }
	},
	'/(account)/account/password': { url: '/account/password', expected: signedIn },
	'/(admin)/admin/users': { url: '/admin/users', expected: adminOnly },
	'/(admin)/admin/users/new': { url: '/admin/users/new', expected: adminOnly },
	'/(admin)/admin/users/[id=uuid]': { url: '/admin/users/{adminId}', expected: adminOnly },
	'/(admin)/admin/directory': { url: '/admin/directory', expected: adminOnly },
	'/(review)/review': { url: '/review', expected: reviewOnly },
	'/(review)/review/charts': { url: '/review/charts', expected: reviewOnly },
	'/(review)/review/export.csv': { url: '/review/export.csv', expected: reviewOnly },
	'/(review)/review/audit.csv': { url: '/review/audit.csv', expected: reviewOnly },
	'/(review)/review/devices': { url: '/review/devices', expected: reviewOnly },
	'/(review)/review/conversations/[id=uuid]': {
		url: `/review/conversations/${SOME_ID}`,
		expected: reviewMissing
	},
	'/(review)/review/conversations/[id=uuid]/summary': {
		url: `/review/conversations/${SOME_ID}/summary`,
		expected: reviewMissing
	},
	'/(review)/review/conversations/[id=uuid]/flags/[question=question]': {
		url: `/review/conversations/${SOME_ID}/flags/1.1`,
		expected: reviewMissing
	},
	'/(review)/review/conversations/[id=uuid]/questions/[question=question]/send-back': {
		url: `/review/conversations/${SOME_ID}/questions/1.1/send-back`,
		expected: reviewMissing
	},
	'/api/health': { url: '/api/health', expected: shell },
	'/api/session': { url: '/api/session', expected: signedInApi },
	'/api/directory': { url: '/api/directory?region=London', expected: signedInApi },
	// Sync takes POST only: a signed-in GET reaches the route and is told the method is wrong.
	'/api/sync/push': { url: '/api/sync/push', expected: signedInPostOnly },
	'/api/sync/pull': { url: '/api/sync/pull', expected: signedInPostOnly },
	'/api/openapi.json': { url: '/api/openapi.json', expected: shell }
};

test('every route has an entry in this matrix', () => {
	expect(Object.keys(MATRIX).sort()).toEqual(routeIds());
});

test('every role, and nobody, gets exactly the access the matrix gives on every route', async ({
	baseURL
}) => {
	const contexts = {} as Record<Role, APIRequestContext>;
	let adminId = '';
	for (const role of ROLES) {
		contexts[role] = await request.newContext({ baseURL, maxRedirects: 0 });
		if (role === 'nobody') continue;
		const response = await contexts[role].post('/api/session', {
			data: { email: `${role}@example.test`, password: DEMO_PASSWORD }
		});
		expect(response.status()).toBe(200);
		if (role === 'admin') adminId = (await response.json()).user.id;
	}
	const mismatches: string[] = [];
	for (const [routeId, { url, expected }] of Object.entries(MATRIX)) {
		for (const role of ROLES) {
			const status = (await contexts[role].get(url.replace('{adminId}', adminId))).status();
			if (status !== expected[role]) {
				mismatches.push(`${role} at ${routeId}: ${status}, expected ${expected[role]}`);
			}
		}
	}
	expect(mismatches).toEqual([]);
	// Writes are guarded too: only an administrator may add a user.
	const form = {
		name: 'Mallory',
		email: 'mallory@example.test',
		role: 'admin',
		password: 'a long enough password'
	};
	for (const role of ['nobody', 'inspector', 'manager'] as const) {
		const status = (
			await contexts[role].post('/admin/users/new', {
				form,
				headers: { origin: baseURL!, accept: 'text/html' }
			})
		).status();
		expect(status, role).toBe(role === 'nobody' ? 303 : 403);
	}
	await Promise.all(ROLES.map((role) => contexts[role].dispose()));
});
