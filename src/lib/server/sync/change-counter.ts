/**
 * Each person's change counter orders every change to their conversations, so a pull finds all of
 * them after its cursor. Every writer of a person's conversation (their uploads, a manager's
 * decision or return) locks the conversation rows first and takes the counter last, just before
 * its writes: writers of one conversation queue on its row, writers of one person queue on the
 * counter only for their writes and commit, and the order rows-then-counter never deadlocks.
 */
import type { ConversationId } from '$lib/domain/ids';
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
		.values({ userId, lastVersion: count })
		.onConflictDoUpdate({
			target: userChangeCounters.userId,
			set: {
				lastVersion: sql.raw('user_change_counters.last_version + excluded.last_version')
			}
		})
		.returning();
	return counter!.lastVersion - count + 1;
}

/**
 * Marks a conversation changed by someone other than its owner, so the owner's devices pull it.
 * The caller has locked the conversation's row.
 */
export async function markConversationChanged(
	tx: Database,
	conversationId: ConversationId,
	ownerId: string
): Promise<void> {
	await markChanged(tx, conversationId, await takeVersions(tx, ownerId, 1));
}
