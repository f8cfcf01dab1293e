import { describe, expect, it } from 'vitest';
import { amendmentAwaitingSeverity } from './amended-answer';

const answered = (at: string, originalOptionId: string | null, questionId = '1.1') => ({
	questionId,
	status: 'answered' as const,
	answeredAt: new Date(at),
	originalOptionId
});

describe('amendmentAwaitingSeverity', () => {
	it('finds the latest amendment that changed the option, until a manager weighs the severity', () => {
		const returns = [
			answered('2026-12-01T10:00:00Z', 'no'),
			answered('2026-12-03T10:00:00Z', 'partly')
		];
		expect(amendmentAwaitingSeverity(returns, '1.1', 'yes', null)).toEqual({
			answeredAt: new Date('2026-12-03T10:00:00Z'),
			originalOptionId: 'partly'
		});
		expect(
			amendmentAwaitingSeverity(returns, '1.1', 'yes', new Date('2026-12-02T00:00:00Z'))
		).not.toBeNull();
		expect(
			amendmentAwaitingSeverity(returns, '1.1', 'yes', new Date('2026-12-03T10:00:00Z'))
		).toBeNull();
	});

	it('asks nothing for an amendment that kept the option, an open return or another question', () => {
		expect(
			amendmentAwaitingSeverity([answered('2026-12-01T10:00:00Z', 'no')], '1.1', 'no', null)
		).toBeNull();
		expect(
			amendmentAwaitingSeverity(
				[{ questionId: '1.1', status: 'open', answeredAt: null, originalOptionId: null }],
				'1.1',
				'no',
				null
			)
		).toBeNull();
		expect(
			amendmentAwaitingSeverity([answered('2026-12-01T10:00:00Z', 'no', '1.2')], '1.1', 'yes', null)
		).toBeNull();
	});
});
