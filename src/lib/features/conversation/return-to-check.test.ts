import { describe, expect, it } from 'vitest';
import { afterSaving, cameFromCheck, changeHref } from './return-to-check';

describe('returning to check answers', () => {
	it('marks a change link, keeping any question in the address', () => {
		expect(changeHref('/conversations/c/call-details')).toBe(
			'/conversations/c/call-details?from=check'
		);
		expect(changeHref('/conversations/c/areas/1?question=1.2')).toBe(
			'/conversations/c/areas/1?question=1.2&from=check'
		);
		expect(changeHref('/conversations/c#call-notes')).toBe(
			'/conversations/c?from=check#call-notes'
		);
	});

	it('goes back to check answers only from a change link', () => {
		const changing = new URL('http://x/conversations/c/areas/1?question=1.2&from=check');
		const working = new URL('http://x/conversations/c/areas/1?question=1.2');
		expect(cameFromCheck(changing)).toBe(true);
		expect(afterSaving(changing, '/conversations/c', '/next')).toBe('/conversations/c/check');
		expect(afterSaving(working, '/conversations/c', '/next')).toBe('/next');
	});
});
