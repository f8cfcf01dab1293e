import type { ConversationDb } from './db';
import { storedConversationSchema, type StoredConversation } from './tables';

export async function getConversation(
	db: ConversationDb,
	id: string
): Promise<StoredConversation | undefined> {
	const row = await db.conversations.get(id);
	return row ? storedConversationSchema.parse(row) : undefined;
}

/** Most recently changed first. */
export async function listConversations(db: ConversationDb): Promise<StoredConversation[]> {
	const rows = await db.conversations.orderBy('updatedAt').reverse().toArray();
	return rows.map((row) => storedConversationSchema.parse(row));
}

/** How many changes on this device the server has not acknowledged yet. */
export async function countPendingChanges(db: ConversationDb): Promise<number> {
	return db.outbox.where('state').equals('pending').count();
}
