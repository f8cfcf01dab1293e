/**
 * A manager marks a conversation reviewed, with a note: it leaves the list of conversations that
 * need review until an upload brings something new to look at (conversations/attention.ts). The
 * note and who wrote it go into the audit trail.
 */
import { eq } from 'drizzle-orm';
import type { ConversationId } from '$lib/domain/ids';
import type { Database } from '../db/database';
import { conversations, reviewEvents } from '../db/schema';
import { canReview, notFound, type Reviewer } from './review-scope';

export async function markConversationReviewed(
	db: Database,
	reviewer: Reviewer,
	conversationId: ConversationId,
	note: string,
	now = new Date()
): Promise<void> {
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const [conversation] = await tx
			.select({ teamId: conversations.teamId })
			.from(conversations)
			.where(eq(conversations.id, conversationId))
			// Locked first, as every writer of a conversation does (sync/change-counter.ts).
			.for('update');
		if (!conversation || !canReview(reviewer, conversation.teamId)) throw notFound('conversation');
		await tx
			.update(conversations)
			.set({ reviewedAt: now, reviewedBy: reviewer.id, reviewNote: note })
			.where(eq(conversations.id, conversationId));
		await tx.insert(reviewEvents).values({
			conversationId,
			kind: 'conversation-reviewed',
			actorId: reviewer.id,
			actorName: reviewer.name,
			note,
			at: now
		});
	});
}
