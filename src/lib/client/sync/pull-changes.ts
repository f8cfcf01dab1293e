/**
 * Downloads what changed on the server, a page at a time. Each page, the cursor that follows it
 * and the rebuilt view are written in ONE transaction, so the cursor is never ahead of the rows.
 * Only the last page says which of this device's changes the server copy now contains; their
 * states are left to the next upload, which learns from the server whether each was refused.
 */
import { MAX_PULL_PAGE, type PullResponse } from '$lib/domain/sync/sync-protocol.schema';
import type { ConversationDb } from '../db/db';
import { readCounter, readDeviceId } from '../db/meta';
import { readDeviceHealth } from './device-health';
import { rebuildLocalView } from './local-view';
import type { SyncFailure, SyncTransport } from './transport';

export type PullReport =
	{ ok: true; conversations: number } | { ok: false; failure: SyncFailure; conversations: number };

export async function pullChanges(
	db: ConversationDb,
	transport: SyncTransport,
	options: { userId: string; pageSize?: number }
): Promise<PullReport> {
	const deviceId = await readDeviceId(db);
	const deviceHealth = await readDeviceHealth(db);
	let conversations = 0;
	for (;;) {
		const [cursor, held] = await Promise.all([
			readCounter(db, 'cursor'),
			db.questionSets.toCollection().primaryKeys()
		]);
		const result = await transport.pull({
			protocol: 1,
			userId: options.userId,
			deviceId,
			cursor,
			limit: options.pageSize ?? MAX_PULL_PAGE,
			questionSets: held.map(([id, version]) => ({ id, version })),
			deviceHealth
		});
		if (!result.ok) return { ok: false, failure: result.failure, conversations };
		await applyPage(db, deviceId, result.body);
		conversations += result.body.conversations.length;
		if (!result.body.hasMore) return { ok: true, conversations };
	}
}

async function applyPage(db: ConversationDb, deviceId: string, page: PullResponse) {
	const tables = [
		db.meta,
		db.outbox,
		db.conflicts,
		db.serverConversations,
		db.conversations,
		db.questionSets
	];
	await db.transaction('rw', tables, async () => {
		const affected = new Set(page.conversations.map((conversation) => conversation.id));
		if (page.reset) {
			for (const id of await db.serverConversations.toCollection().primaryKeys()) affected.add(id);
			await db.serverConversations.clear();
			await db.meta.put({ key: 'confirmedSeq', value: 0 });
		}
		await db.questionSets.bulkPut(page.questionSets);
		// Each copy remembers up to which of this device's changes its snapshot contains.
		await db.serverConversations.bulkPut(
			page.conversations.map((conversation) => ({ ...conversation, seenSeq: page.lastSeq }))
		);
		for (const conversation of page.conversations) {
			for (const conflict of conversation.conflicts) {
				if (conflict.deviceId !== deviceId) continue;
				const known = await db.conflicts.where('mutationId').equals(conflict.mutationId).count();
				if (known > 0) continue;
				await db.conflicts.add({
					mutationId: conflict.mutationId,
					conversationId: conversation.id,
					questionId: conflict.questionId,
					losingValue: conflict.losingValue,
					winningValue: conflict.winningValue,
					recordedAt: conflict.recordedAt
				});
			}
		}
		await db.meta.put({ key: 'cursor', value: page.cursor });
		if (!page.hasMore) {
			const before = await readCounter(db, 'confirmedSeq');
			await db.meta.put({ key: 'confirmedSeq', value: page.lastSeq });
			// A server restored from a backup no longer holds what it processed after lastSeq.
			await db.outbox
				.where('seq')
				.above(page.lastSeq)
				.and((entry) => entry.state !== 'pending')
				.modify({ state: 'pending' });
			const settled = await db.outbox
				.where('seq')
				.between(Math.min(before, page.lastSeq), Math.max(before, page.lastSeq), true, true)
				.toArray();
			for (const entry of settled) affected.add(entry.conversationId);
		}
		await rebuildLocalView(db, affected);
	});
}
