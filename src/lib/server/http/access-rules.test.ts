import { describe, expect, it } from 'vitest';
import { routeIds } from '../testing/route-ids';
import { ACCESS_RULES, decideAccess } from './access-rules';

describe('access rules', () => {
	it('have exactly one entry for every page and endpoint, and none for routes that do not exist', () => {
		expect(Object.keys(ACCESS_RULES).sort()).toEqual(routeIds());
	});

	it.each([
		['/(admin)/admin/users', null, 'sign-in'],
		['/(admin)/admin/users', 'inspector', 'forbidden'],
		['/(admin)/admin/users', 'manager', 'forbidden'],
		['/(admin)/admin/users', 'admin', 'allow'],
		['/api/directory', null, 'sign-in'],
		['/api/directory', 'inspector', 'allow'],
		['/(inspector)/conversations/[id=uuid]', null, 'allow'],
		['/(account)/sign-in', null, 'allow'],
		['/not/a/route', 'admin', 'no-rule'],
		[null, null, 'allow']
	] as const)('%s for %s: %s', (routeId, role, decision) => {
		expect(decideAccess(routeId, role)).toBe(decision);
	});
});
