/**
 * Each person's change counter orders every change to their conversations, so a pull finds all of
 * them after its cursor. Every writer of a person's conversation (their uploads, a manager's
 * decision or return) locks the conversation rows first and takes the counter last, just before
 * its writes: writers of one conversation queue on its row, writers of one person queue on the
 * counter only for their writes and commit, and the order rows-then-counter never deadlocks.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { userChangeCounters } from '../db/schema';
import { markChanged } from '../conversations/store';

/**
 * Takes the owner's next `count` change numbers in one round trip and keeps the counter locked
 * for the rest of the transaction, so numbers follow commit order; returns the first of them.
 */
export async function takeVersions(tx: Database, userId: string, count: number): Promise<number> {
	const [counter] = await tx
		.insert(userChangeCounters)
		.values({ userId, changeSeq: count })
		.onConflictDoUpdate({
			target: userChangeCounters.userId,
			set: { changeSeq: sql.raw('user_change_counters.change_seq + excluded.change_seq') }
		})
		.returning();
	return counter!.changeSeq - count + 1;
}

/**
 * Marks a conversation changed by someone other than its owner, so the owner's devices pull it.
 * The caller has locked the conversation's row.
 */
export async function markConversationChanged(
	tx: Database,
	conversationId: string,
	ownerId: string
): Promise<void> {
	await markChanged(tx, conversationId, await takeVersions(tx, ownerId, 1));
}
