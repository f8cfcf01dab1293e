/**
 * A manager sends one question back to the inspector with a comment. The conversation is marked
 * changed so the return reaches the inspector's device at its next sync, completed or not.
 */
import type { ConversationId, QuestionId } from '$lib/domain/ids';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '$lib/domain/errors';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import { findQuestion } from '$lib/domain/question-sets/question-sets';
import type { Database } from '../db/database';
import { conversations, questionReturns, reviewEvents } from '../db/schema';
import { markConversationChanged } from '../sync/change-counter';
import { canReview, notFound, type Reviewer } from './review-scope';

export async function sendQuestionBack(
	db: Database,
	reviewer: Reviewer,
	conversationId: ConversationId,
	questionId: QuestionId,
	comment: string,
	now = new Date()
): Promise<string> {
	return db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const [conversation] = await tx
			.select()
			.from(conversations)
			.where(eq(conversations.id, conversationId))
			// Locked first, as every writer of a conversation does (sync/change-counter.ts).
			.for('update');
		if (!conversation || !canReview(reviewer, conversation.teamId)) throw notFound('conversation');
		const questionSet = BUNDLED_QUESTION_SETS.find(
			(set) =>
				set.id === conversation.questionSetId && set.version === conversation.questionSetVersion
		);
		if (!questionSet || !findQuestion(questionSet, questionId)) throw notFound('question');
		const [open] = await tx
			.select({ id: questionReturns.id })
			.from(questionReturns)
			.where(
				and(
					eq(questionReturns.conversationId, conversationId),
					eq(questionReturns.questionId, questionId),
					eq(questionReturns.status, 'open')
				)
			);
		if (open) {
			throw new DomainError(
				'ALREADY_EXISTS',
				`Question ${questionId} has already been sent back and the inspector has not answered yet.`
			);
		}
		const id = crypto.randomUUID();
		await tx.insert(questionReturns).values({
			id,
			conversationId,
			questionId,
			comment,
			returnedBy: reviewer.id,
			returnedByName: reviewer.name,
			returnedAt: now
		});
		await tx.insert(reviewEvents).values({
			conversationId,
			questionId,
			kind: 'question-returned',
			actorId: reviewer.id,
			actorName: reviewer.name,
			note: comment,
			details: { returnId: id },
			at: now
		});
		await markConversationChanged(tx, conversationId, conversation.userId);
		return id;
	});
}
