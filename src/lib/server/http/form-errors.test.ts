import { describe, expect, it } from 'vitest';
import { readForm, safeReturnTo } from './form-errors';

describe('safeReturnTo', () => {
	it.each([
		['/conversations/1?x=1#top', '/conversations/1?x=1#top'],
		['//evil.example', '/home'],
		['/\\evil.example', '/home'],
		['/\t/evil.example', '/home'],
		['/%09/evil.example', '/%09/evil.example'],
		['https://evil.example/', '/home'],
		['javascript:alert(1)', '/home'],
		['/..//evil.example', '/home'],
		['/../..//evil.example/x?y#z', '/home'],
		['/.//evil.example', '/home'],
		['/a/..//evil.example', '/home'],
		['/%2e%2e//evil.example', '/home'],
		['/%2E%2E//evil.example', '/home'],
		['/a/%2e%2e//evil.example', '/home'],
		['/./%2e//evil.example', '/home'],
		['///evil.example', '/home'],
		['/%2F/evil.example', '/%2F/evil.example'],
		['/%5C/evil.example', '/%5C/evil.example'],
		['/review/../admin/users', '/admin/users'],
		['/review?returnTo=//evil.example', '/review?returnTo=//evil.example'],
		[null, '/home']
	])('%s → %s', (value, expected) => {
		expect(safeReturnTo(value, '/home')).toBe(expected);
	});
});

describe('readForm', () => {
	it('gives null for a body that claims to be multipart but is not', async () => {
		const request = new Request('http://x/', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body: 'garbage'
		});
		expect(await readForm(request)).toBeNull();
	});
});
