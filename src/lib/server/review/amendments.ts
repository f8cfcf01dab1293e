/**
 * An inspector's amendment of a question a manager sent back. A return allows one amendment,
 * even after the conversation is completed; it answers the return and goes into the audit trail.
 * The row is locked, so two uploads of amendments to one return cannot both pass.
 */
import { and, eq } from 'drizzle-orm';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import type { Database } from '../db/database';
import { questionReturns, reviewEvents, users } from '../db/schema';
import type { StoredConversation } from '../conversations/rows';

type Amendment = Extract<Mutation, { name: 'answer.amend' }>;
type Context = { tx: Database; userId: string };

export async function requireReturn(context: Context, mutation: Amendment): Promise<void> {
	const { conversationId, questionId, returnId } = mutation.args;
	const [found] = await context.tx
		.select({ status: questionReturns.status })
		.from(questionReturns)
		.where(
			and(
				eq(questionReturns.id, returnId),
				eq(questionReturns.conversationId, conversationId),
				eq(questionReturns.questionId, questionId)
			)
		)
		.for('update');
	if (!found) {
		throw new DomainError(
			'NOT_RETURNED',
			`Question ${questionId} was not sent back to you, so it cannot be amended.`
		);
	}
	if (found.status !== 'open') {
		throw new DomainError(
			'NOT_RETURNED',
			`Question ${questionId} has already been amended. Your manager can send it back again.`
		);
	}
}

/** `before` is the conversation as it stood before the amendment, for the answer it replaced. */
export async function recordAmendment(
	context: Context,
	mutation: Amendment,
	mutationId: string,
	before: StoredConversation | undefined
): Promise<void> {
	const { conversationId, questionId, returnId, reply, answer } = mutation.args;
	const now = new Date();
	const originalOptionId = before?.conversation.answers[questionId]?.optionId ?? null;
	await context.tx
		.update(questionReturns)
		.set({
			status: 'answered',
			answeredAt: now,
			answerMutationId: mutationId,
			reply,
			originalOptionId
		})
		.where(eq(questionReturns.id, returnId));
	const [author] = await context.tx
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, context.userId));
	await context.tx.insert(reviewEvents).values({
		conversationId,
		questionId,
		kind: 'question-amended',
		actorId: context.userId,
		actorName: author?.name ?? 'Inspector',
		note: reply,
		details: { returnId, mutationId, answer, originalOptionId },
		at: now
	});
}
