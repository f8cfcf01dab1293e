import type { QuestionReturn } from './flag-review.schema';

type AnsweredReturn = Pick<QuestionReturn, 'questionId' | 'status' | 'originalOptionId'> & {
	answeredAt: Date | string | null;
};

export type AmendmentAwaitingSeverity = { answeredAt: Date; originalOptionId: string | null };

/**
 * The latest amendment of the flag's question, made since a manager last weighed the flag's
 * severity, that left an answer other than the one now given: the flag was raised on an answer
 * that is no longer there. The review queue's "needs attention" asks the same in SQL
 * (server/review/review-filters.ts).
 */
export function amendmentAwaitingSeverity(
	returns: readonly AnsweredReturn[],
	questionId: string,
	currentOptionId: string | null,
	severityConfirmedAt: Date | null
): AmendmentAwaitingSeverity | null {
	const waiting = returns
		.filter((entry) => entry.questionId === questionId && entry.status === 'answered')
		.map((entry) => ({
			answeredAt: new Date(entry.answeredAt!),
			originalOptionId: entry.originalOptionId ?? null
		}))
		.filter(
			(entry) =>
				entry.originalOptionId !== currentOptionId &&
				(!severityConfirmedAt || entry.answeredAt > severityConfirmedAt)
		)
		.sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
	return waiting.at(-1) ?? null;
}
