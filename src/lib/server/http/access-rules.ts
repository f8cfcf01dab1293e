import type { Role } from '$lib/domain/accounts/account.schema';

/**
 * Who may reach each route. Every route must have an entry: a route without one is refused, and
 * the authorization test fails until it is added.
 * - `app-shell`: pages of the inspector's offline app; the server sends only the empty shell,
 *   the data lives on the device, and the app itself asks the person to sign in.
 * - `public`: anyone. `signed-in`: any active account. A role list: those roles only.
 */
export type Access = 'app-shell' | 'public' | 'signed-in' | readonly Role[];

export const ACCESS_RULES: Record<string, Access> = {
	'/(inspector)': 'app-shell',
	'/(inspector)/about': 'app-shell',
	'/(inspector)/conversations/new': 'app-shell',
	'/(inspector)/conversations/[id=uuid]': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/areas/[area=area]': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/amend/[question=question]': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/call-details': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/check': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/outcome': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/risks': 'app-shell',
	'/(inspector)/conversations/[id=uuid]/summary': 'app-shell',
	'/(inspector)/sign-out': 'app-shell',
	'/shell': 'app-shell',
	'/(account)/sign-in': 'public',
	'/(account)/account/password': 'signed-in',
	'/(admin)/admin/users': ['admin'],
	'/(admin)/admin/users/new': ['admin'],
	'/(admin)/admin/users/[id=uuid]': ['admin'],
	'/(admin)/admin/directory': ['admin'],
	'/(review)/review': ['manager', 'admin'],
	'/(review)/review/charts': ['manager', 'admin'],
	'/(review)/review/export.csv': ['manager', 'admin'],
	'/(review)/review/audit.csv': ['manager', 'admin'],
	'/(review)/review/devices': ['manager', 'admin'],
	'/(review)/review/conversations/[id=uuid]': ['manager', 'admin'],
	'/(review)/review/conversations/[id=uuid]/summary': ['manager', 'admin'],
	'/(review)/review/conversations/[id=uuid]/flags/[question=question]': ['manager', 'admin'],
	'/(review)/review/conversations/[id=uuid]/questions/[question=question]/send-back': [
		'manager',
		'admin'
	],
	'/api/health': 'public',
	'/api/session': 'public',
	'/api/directory': 'signed-in',
	'/api/sync/push': 'signed-in',
	'/api/sync/pull': 'signed-in',
	'/api/openapi.json': 'public'
};

export type AccessDecision = 'allow' | 'sign-in' | 'forbidden' | 'no-rule';

export function decideAccess(routeId: string | null, role: Role | null): AccessDecision {
	if (routeId === null) return 'allow';
	const access = ACCESS_RULES[routeId];
	if (access === undefined) return 'no-rule';
	if (access === 'public' || access === 'app-shell') return 'allow';
	if (role === null) return 'sign-in';
	if (access === 'signed-in') return 'allow';
	return access.includes(role) ? 'allow' : 'forbidden';
}
