/**
 * Whether a change brought something a manager should look at again, for the list of
 * conversations that need review: a conversation a manager marked reviewed comes back on it
 * when one of these arrives after the review.
 */
import type { Conversation } from '$lib/domain/conversation/conversation.schema';
import { byQuestion, type QuestionId } from '$lib/domain/ids';
import { sameAnswer } from './changes';
import { concernOf } from './rows';

const highFlag = (c: Conversation | undefined, questionId: QuestionId) => {
	const flag = c?.flags[questionId];
	return flag?.status === 'raised' && flag.severity === 'high';
};

const serious = (c: Conversation | undefined, questionId: QuestionId) =>
	c !== undefined && concernOf(c, questionId, c.answers[questionId]) === 'serious';

export function bringsNewAttention(before: Conversation | undefined, after: Conversation): boolean {
	const changed = (id: QuestionId) =>
		!sameAnswer(before?.answers[id] ?? null, after.answers[id] ?? null);
	const answered = byQuestion(after.answers).map(([id]) => id);
	return (
		(before?.status === 'completed' && answered.some(changed)) ||
		(after.outcome.decision === 'needs-support' && before?.outcome.decision !== 'needs-support') ||
		(after.escalation.urgent === true && before?.escalation.urgent !== true) ||
		byQuestion(after.flags).some(([id]) => highFlag(after, id) && !highFlag(before, id)) ||
		answered.some(
			(id) =>
				serious(after, id) &&
				(!serious(before, id) || before?.answers[id]?.optionId !== after.answers[id]?.optionId)
		)
	);
}
