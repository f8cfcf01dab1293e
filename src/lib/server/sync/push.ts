/**
 * Upload: every change a device queued is processed exactly once, in the device's order.
 *
 * Invariants, all held by one transaction per request:
 * - The device row is locked, so two deliveries of the same batch are processed one after the
 *   other and the second only replays the stored results.
 * - A change with seq <= last_seq was processed before: its stored result is returned again.
 *   A change with seq > last_seq + 1 means the device skipped one: processing stops there.
 * - A refused change is stored as rejected and still advances last_seq, so the queue never sticks.
 * - The batch's conversations are locked and read once, every change is applied to them in memory
 *   (apply-pushed-mutation.ts) with provisional change numbers, and only then is the owner's
 *   change counter locked and advanced by the batch's count, just before the store saves the
 *   result: one statement per table and one UPDATE per conversation. Numbers follow commit order
 *   (pull.ts depends on it) and the counter, which all of a person's devices queue on, is held
 *   only for the writes and the commit.
 * Any unexpected error rolls everything back and the device sends the batch again.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { conversationIdSchema, type ConversationId } from '$lib/domain/ids';
import { storableCopy } from '$lib/domain/text';
import { timestampSchema } from '$lib/domain/timestamp';
import {
	type MutationResult,
	type PushedMutation,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { syncDevices, syncMutations } from '../db/schema';
import { settled, settledVersion } from '../conversations/changes';
import { load, save } from '../conversations/store';
import { applyPushedMutation, type AppliedOutcome, type Batch } from './apply-pushed-mutation';
import { takeVersions } from './change-counter';
import { correctedClientTime } from './conflict-rule';
import { lockDevice, type SyncRefusal } from './devices';
import { recordInspectorFlagEvents } from '../review/inspector-events';
import { recordDeviceHealth } from './device-health';

export type SyncUser = { id: string; teamId: string | null };

export async function pushChanges(
	db: Database,
	user: SyncUser,
	request: PushRequest,
	userAgent: string | null = null
): Promise<{ ok: true; response: PushResponse } | SyncRefusal> {
	// Before the upload and apart from it, so a device whose uploads fail still shows what waits.
	if (request.deviceHealth) {
		await recordDeviceHealth(db, user.id, request.deviceId, request.deviceHealth, userAgent);
	}
	return db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const now = new Date();
		const device = await lockDevice(tx, request.deviceId, user.id);
		if (!device.ok) return device;
		let lastSeq = device.lastSeq;
		let taken = 0;
		const replayed = await storedResults(tx, request, lastSeq);
		const seenIds = await knownMutationIds(tx, request, lastSeq);
		const fresh = request.mutations.filter((pushed) => pushed.seq > lastSeq);
		const gap = fresh.length > 0 && fresh[0]!.seq !== lastSeq + 1;
		const toApply = gap ? [] : fresh;
		const loaded = await load(tx, toApply.flatMap(conversationIdOf));
		const batch: Batch = {
			tx,
			userId: user.id,
			teamId: user.teamId,
			deviceId: request.deviceId,
			now,
			conversations: new Map(loaded),
			history: [],
			nextVersion: () => -(taken += 1)
		};
		const results: MutationResult[] = request.mutations.flatMap((pushed) => {
			const stored = pushed.seq <= lastSeq ? replayed.get(pushed.seq) : undefined;
			return stored ? [stored] : [];
		});
		const processed = [];
		for (const pushed of toApply) {
			const outcome: AppliedOutcome = seenIds.has(pushed.mutationId)
				? {
						status: 'rejected',
						code: 'DUPLICATE_MUTATION_ID',
						message: 'This change id was already used by another change.'
					}
				: await applyPushedMutation(
						batch,
						pushed,
						correctedClientTime(pushed.clientTime, request.sentAt, now)
					);
			const result: MutationResult = { seq: pushed.seq, mutationId: pushed.mutationId, ...outcome };
			processed.push({
				deviceId: request.deviceId,
				seq: pushed.seq,
				mutationId: pushed.mutationId,
				// A refused change may hold text no column can store; its record keeps the rest.
				name: storableCopy(pushed.name) as string,
				args: storableCopy(pushed.args),
				argsVersion: pushed.argsVersion,
				status: outcome.status,
				result,
				// A time outside the years a column holds refused its change, and is not kept.
				clientTime: timestampSchema.safeParse(pushed.clientTime).success
					? new Date(pushed.clientTime)
					: null
			});
			seenIds.add(pushed.mutationId);
			results.push(result);
			lastSeq = pushed.seq;
		}
		if (taken > 0) {
			const first = await takeVersions(tx, user.id, taken);
			for (const [id, stored] of batch.conversations) {
				if (stored !== loaded.get(id)) batch.conversations.set(id, settled(stored, first));
			}
			for (const row of batch.history) row.version = settledVersion(row.version, first);
		}
		await save(tx, loaded, batch.conversations, batch.history);
		await recordInspectorFlagEvents(tx, user.id, loaded, batch.conversations, now);
		if (processed.length > 0) await tx.insert(syncMutations).values(processed);
		await tx
			.update(syncDevices)
			.set({ lastSeq, lastSeenAt: now, lastAppVersion: request.appVersion })
			.where(eq(syncDevices.deviceId, request.deviceId));
		return {
			ok: true as const,
			response: { lastSeq, results, gap, serverTime: now.toISOString() }
		};
	});
}

/** The conversation a change names, when it names one the database could look up. */
function conversationIdOf(pushed: PushedMutation): ConversationId[] {
	const id = conversationIdSchema.safeParse(pushed.args.conversationId);
	return id.success ? [id.data] : [];
}

async function storedResults(tx: Database, request: PushRequest, lastSeq: number) {
	const first = request.mutations[0]!.seq;
	if (first > lastSeq) return new Map<number, MutationResult>();
	const rows = await tx
		.select({ seq: syncMutations.seq, result: syncMutations.result })
		.from(syncMutations)
		.where(
			and(
				eq(syncMutations.deviceId, request.deviceId),
				gte(syncMutations.seq, first),
				lte(syncMutations.seq, lastSeq)
			)
		);
	return new Map(rows.map((row) => [row.seq, row.result as MutationResult]));
}

/** Ids of the new changes that some earlier change already used. */
async function knownMutationIds(tx: Database, request: PushRequest, lastSeq: number) {
	const fresh = request.mutations.filter((m) => m.seq > lastSeq).map((m) => m.mutationId);
	if (fresh.length === 0) return new Set<string>();
	const rows = await tx
		.select({ mutationId: syncMutations.mutationId })
		.from(syncMutations)
		.where(inArray(syncMutations.mutationId, fresh));
	return new Set(rows.map((row) => row.mutationId));
}
