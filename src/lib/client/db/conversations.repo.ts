import type { ConversationId, QuestionId } from '$lib/domain/ids';
import { liveQuery } from 'dexie';
import type { ConversationDb } from './db';
import {
	type DraftRow,
	conflictEntrySchema,
	rejectedEntrySchema,
	storedConversationSchema,
	type StoredConversation
} from './tables';

export async function getConversation(
	db: ConversationDb,
	id: ConversationId
): Promise<StoredConversation | undefined> {
	const row = await db.conversations.get(id);
	return row ? storedConversationSchema.parse(row) : undefined;
}

/** What the forms of one conversation show that its record does not hold yet. */
export async function listDrafts(
	db: ConversationDb,
	conversationId: ConversationId
): Promise<DraftRow[]> {
	return db.drafts.where('conversationId').equals(conversationId).toArray();
}

/** Most recently changed first. */
export async function listConversations(db: ConversationDb): Promise<StoredConversation[]> {
	const rows = await db.conversations.orderBy('updatedAt').reverse().toArray();
	return rows.map((row) => storedConversationSchema.parse(row));
}

/** What would be lost if this person's data left the device: changes not uploaded, and drafts. */
export async function countUnsent(
	db: ConversationDb
): Promise<{ changes: number; drafts: number }> {
	const [changes, drafts] = await Promise.all([countPendingChanges(db), db.drafts.count()]);
	return { changes, drafts };
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

/**
 * Changes to one conversation the server refused, and its answers changed on another device. Of
 * several about the same question or field only the latest is listed, with how many came before;
 * every one stays stored.
 */
export async function syncNotices(db: ConversationDb, conversationId: ConversationId) {
	const [rejected, conflicts] = await Promise.all([
		db.rejected.where('conversationId').equals(conversationId).sortBy('seq'),
		db.conflicts.where('conversationId').equals(conversationId).sortBy('recordedAt')
	]);
	return {
		rejected: latestOfEach(
			rejected.map((row) => rejectedEntrySchema.parse(row)),
			({ entry }) =>
				'questionId' in entry.args ? `${entry.name}:${entry.args.questionId}` : entry.name
		),
		conflicts: latestOfEach(
			conflicts.map((row) => conflictEntrySchema.parse(row)).filter((conflict) => !conflict.seenAt),
			(conflict) => conflict.questionId
		)
	};
}

/** The last item of each group, in order, with the number of items before it in its group. */
function latestOfEach<T>(items: T[], group: (item: T) => string): Array<T & { earlier: number }> {
	const latest = new Map<string, T & { earlier: number }>();
	for (const item of items) {
		const key = group(item);
		const before = latest.get(key);
		latest.delete(key);
		latest.set(key, { ...item, earlier: before ? before.earlier + 1 : 0 });
	}
	return [...latest.values()];
}

/** Dismisses every notice about one question of a conversation. */
export async function markConflictsSeen(
	db: ConversationDb,
	conversationId: ConversationId,
	questionId: QuestionId
): Promise<void> {
	await db.conflicts
		.where('conversationId')
		.equals(conversationId)
		.and((conflict) => conflict.questionId === questionId && !conflict.seenAt)
		.modify({ seenAt: new Date().toISOString() });
}

/** Conversations whose start the server refused: they no longer show in the list, so say why. */
export async function refusedStarts(db: ConversationDb) {
	const rows = await db.rejected.toArray();
	const starts = rows
		.map((row) => rejectedEntrySchema.parse(row))
		.filter((row) => row.entry.name === 'conversation.start');
	const shown = new Set(await db.conversations.toCollection().primaryKeys());
	return starts.filter((row) => !shown.has(row.conversationId));
}

/**
 * Managers' decisions on a conversation as last downloaded, and which questions sent back have an
 * amendment on this device still waiting to upload.
 */
export async function managerReview(db: ConversationDb, conversationId: ConversationId) {
	const server = await db.serverConversations.get(conversationId);
	const review = server?.review ?? { flags: {}, returns: [] };
	// The outbox is read only while a question waits for an amendment: a live query re-runs on
	// every change it read, and a long offline call queues thousands.
	const waiting = review.returns.some((entry) => entry.status === 'open')
		? await db.outbox
				.where('conversationId')
				.equals(conversationId)
				.filter((entry) => entry.name === 'answer.amend' && entry.state === 'pending')
				.toArray()
		: [];
	const amendedHere = new Set(
		waiting.flatMap((entry) => (entry.name === 'answer.amend' ? [entry.args.returnId] : []))
	);
	return { ...review, amendedHere: [...amendedHere] };
}
