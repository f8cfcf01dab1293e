/**
 * Uploads the outbox in order, a batch at a time, and records what the server made of each
 * change. An entry leaves `pending` only when the server says it processed it; nothing is
 * deleted, and a refused change is kept in `rejected` with the server's reason.
 */
import type { ConversationId } from '$lib/domain/ids';
import {
	MAX_PUSH_BATCH,
	MAX_SYNC_BODY_BYTES,
	type PushedMutation,
	type PushResponse
} from '$lib/domain/sync/sync-protocol.schema';
import type { ConversationDb } from '../db/db';
import { readDeviceId } from '../db/meta';
import type { OutboxEntry } from '../db/tables';
import { rebuildLocalView } from './local-view';
import type { SyncFailure, SyncTransport } from './transport';
import { readDeviceHealth } from './device-health';

export type PushReport =
	{ ok: true; uploaded: number } | { ok: false; failure: SyncFailure; uploaded: number };

export async function pushOutbox(
	db: ConversationDb,
	transport: SyncTransport,
	options: { appVersion: string; userId: string; now?: () => Date }
): Promise<PushReport> {
	const deviceId = await readDeviceId(db);
	let uploaded = 0;
	for (;;) {
		const waiting = await db.outbox
			.where('state')
			.equals('pending')
			.limit(MAX_PUSH_BATCH)
			.sortBy('seq');
		if (waiting.length === 0) return { ok: true, uploaded };
		const batch = withinSize(waiting);
		const result = await transport.push({
			protocol: 1,
			appVersion: options.appVersion,
			userId: options.userId,
			deviceId,
			sentAt: (options.now?.() ?? new Date()).toISOString(),
			mutations: batch.map(toPushed),
			deviceHealth: await readDeviceHealth(db)
		});
		if (!result.ok) return { ok: false, failure: result.failure, uploaded };
		const { processed, resent } = await recordResults(db, batch, result.body);
		uploaded += processed;
		if (processed === 0 && resent === 0) {
			return {
				ok: false,
				uploaded,
				failure: {
					kind: 'refused',
					message:
						'The server is missing earlier changes from this device and could not take these.'
				}
			};
		}
	}
}

/** The first entries of `waiting` whose upload stays well under the server's size limit. */
export function withinSize<T extends OutboxEntry | PushedMutation>(waiting: T[]): T[] {
	let bytes = 0;
	const batch: T[] = [];
	for (const entry of waiting) {
		bytes += new TextEncoder().encode(JSON.stringify(toPushed(entry))).byteLength;
		if (batch.length > 0 && bytes > MAX_SYNC_BODY_BYTES / 2) break;
		batch.push(entry);
	}
	return batch;
}

export function toPushed(entry: OutboxEntry | PushedMutation): PushedMutation {
	return {
		seq: entry.seq,
		mutationId: entry.mutationId,
		clientTime: entry.clientTime,
		...(entry.baseVersion === undefined ? {} : { baseVersion: entry.baseVersion }),
		name: entry.name,
		argsVersion: entry.argsVersion,
		args: entry.args as Record<string, unknown>
	};
}

/** How many of the batch the server has now processed, and how many must be sent again. */
async function recordResults(
	db: ConversationDb,
	batch: OutboxEntry[],
	response: PushResponse
): Promise<{ processed: number; resent: number }> {
	const tables = [
		db.meta,
		db.outbox,
		db.rejected,
		db.serverConversations,
		db.conversations,
		db.questionSets
	];
	return db.transaction('rw', tables, async () => {
		const now = new Date().toISOString();
		const bySeq = new Map(response.results.map((result) => [result.seq, result]));
		const rejectedIn = new Set<ConversationId>();
		let processed = 0;
		for (const entry of batch) {
			if (entry.seq > response.lastSeq) continue;
			processed += 1;
			const result = bySeq.get(entry.seq);
			if (result?.status === 'rejected') {
				rejectedIn.add(entry.conversationId);
				await db.outbox.update(entry.seq, { state: 'rejected', ackedAt: now });
				await db.rejected.put({
					mutationId: entry.mutationId,
					seq: entry.seq,
					conversationId: entry.conversationId,
					entry: { ...entry, state: 'rejected' },
					code: result.code ?? 'REJECTED',
					message: result.message ?? 'The server refused this change.',
					rejectedAt: now
				});
			} else {
				await db.outbox.update(entry.seq, { state: 'acked', ackedAt: now });
				await db.rejected.delete(entry.mutationId);
			}
		}
		// A server restored from a backup may have forgotten changes it had processed: send again.
		const resent = await db.outbox
			.where('seq')
			.above(response.lastSeq)
			.and((entry) => entry.state !== 'pending')
			.modify({ state: 'pending' });
		if (rejectedIn.size > 0) await rebuildLocalView(db, rejectedIn);
		return { processed, resent };
	});
}
