import { describe, expect, it } from 'vitest';
import type { Flag } from '$lib/domain/conversation/conversation.schema';
import { conversationAfter } from '$lib/testing/factories';
import { flagEvents } from './inspector-events';

const flag = (severity: Flag['severity'], extra: Partial<Flag> = {}): Flag => ({
	severity,
	reason: 'Staffing below plan',
	raisedBy: 'inspector',
	status: 'raised',
	...extra
});

describe('flagEvents', () => {
	const base = conversationAfter();
	const withFlags = (flags: Record<string, Flag>) => ({ ...base, flags });

	it.each([
		['raised on a new conversation', undefined, { '2.1': flag('low') }, ['flag-raised']],
		['raised', withFlags({}), { '2.1': flag('low') }, ['flag-raised']],
		[
			'changed in severity',
			withFlags({ '2.1': flag('low') }),
			{ '2.1': flag('high') },
			['flag-changed']
		],
		[
			'changed in its reason',
			withFlags({ '2.1': flag('low') }),
			{ '2.1': flag('low', { reason: 'Worse' }) },
			['flag-changed']
		],
		[
			'withdrawn',
			withFlags({ '2.1': flag('low') }),
			{ '2.1': flag('low', { status: 'withdrawn', withdrawnReason: 'Cover found' }) },
			['flag-withdrawn']
		],
		[
			'raised again after a withdrawal',
			withFlags({ '2.1': flag('low', { status: 'withdrawn', withdrawnReason: 'x' }) }),
			{ '2.1': flag('medium') },
			['flag-raised']
		],
		['left as it was', withFlags({ '2.1': flag('low') }), { '2.1': flag('low') }, []]
	])('reads a flag %s', (_case, before, flags, kinds) => {
		expect(flagEvents(before, withFlags(flags)).map((event) => event.kind)).toEqual(kinds);
	});
});
