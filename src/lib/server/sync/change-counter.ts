/**
 * Each person's change counter orders every change to their conversations, so a pull finds all of
 * them after its cursor. Whoever writes to a person's conversation (their upload, or a manager's
 * decision) locks the counter first, then the rows, so writers queue up and never deadlock.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { conversations, userChangeCounters } from '../db/schema';

/** Locks the owner's change counter for the rest of the transaction; returns its value. */
export async function lockChangeCounter(tx: Database, userId: string): Promise<number> {
	await tx.insert(userChangeCounters).values({ userId }).onConflictDoNothing();
	const [counter] = await tx
		.select()
		.from(userChangeCounters)
		.where(eq(userChangeCounters.userId, userId))
		.for('update');
	return counter!.changeSeq;
}

/** Marks a conversation changed by someone other than its owner, so the owner's devices pull it. */
export async function markConversationChanged(
	tx: Database,
	conversationId: string,
	ownerId: string,
	lockedSeq: number
): Promise<void> {
	const version = lockedSeq + 1;
	await tx
		.update(userChangeCounters)
		.set({ changeSeq: version })
		.where(eq(userChangeCounters.userId, ownerId));
	await tx.update(conversations).set({ version }).where(eq(conversations.id, conversationId));
}
