import { liveQuery } from 'dexie';
import type { ConversationDb } from './db';
import {
	conflictEntrySchema,
	rejectedEntrySchema,
	storedConversationSchema,
	type StoredConversation
} from './tables';

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

/** Calls `onChange` with the number of changes waiting to upload, now and after every change. */
export function watchPendingChanges(db: ConversationDb, onChange: (pending: number) => void) {
	const subscription = liveQuery(() => countPendingChanges(db)).subscribe({ next: onChange });
	return () => subscription.unsubscribe();
}

export type UploadState = 'device-only' | 'uploading' | 'uploaded';

/** Whether each conversation has reached the server, and whether changes are still waiting. */
export async function uploadStates(db: ConversationDb): Promise<Map<string, UploadState>> {
	const [pending, onServer, local] = await Promise.all([
		db.outbox.where('state').equals('pending').toArray(),
		db.serverConversations.toCollection().primaryKeys(),
		db.conversations.toCollection().primaryKeys()
	]);
	const waiting = new Set(pending.map((entry) => entry.conversationId));
	const confirmed = new Set(onServer);
	return new Map(
		local.map((id): [string, UploadState] => [
			id,
			!confirmed.has(id) ? 'device-only' : waiting.has(id) ? 'uploading' : 'uploaded'
		])
	);
}

/** Changes to one conversation the server refused, and its answers changed on another device. */
export async function syncNotices(db: ConversationDb, conversationId: string) {
	const [rejected, conflicts] = await Promise.all([
		db.rejected.where('conversationId').equals(conversationId).sortBy('seq'),
		db.conflicts.where('conversationId').equals(conversationId).sortBy('recordedAt')
	]);
	return {
		rejected: rejected.map((row) => rejectedEntrySchema.parse(row)),
		conflicts: conflicts
			.map((row) => conflictEntrySchema.parse(row))
			.filter((conflict) => !conflict.seenAt)
	};
}

export async function markConflictSeen(db: ConversationDb, id: number): Promise<void> {
	await db.conflicts.update(id, { seenAt: new Date().toISOString() });
}
