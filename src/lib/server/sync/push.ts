/**
 * Upload: every change a device queued is processed exactly once, in the device's order.
 *
 * Invariants, all held by one transaction per request:
 * - The device row is locked, so two deliveries of the same batch are processed one after the
 *   other and the second only replays the stored results.
 * - A change with seq <= last_seq was processed before: its stored result is returned again.
 *   A change with seq > last_seq + 1 means the device skipped one: processing stops there.
 * - A refused change is stored as rejected and still advances last_seq, so the queue never sticks.
 * - The owner's change counter is locked and advanced for every write, so versions follow commit
 *   order (pull.ts depends on it).
 * Any unexpected error rolls everything back and the device sends the batch again.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import {
	type MutationResult,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { syncDevices, syncMutations, userChangeCounters } from '../db/schema';
import { applyPushedMutation, type PushContext } from './apply-pushed-mutation';
import { lockChangeCounter } from './change-counter';
import { correctedClientTime } from './conflict-rule';
import { lockDevice, type SyncRefusal } from './devices';

export type SyncUser = { id: string; teamId: string | null };

export async function pushChanges(
	db: Database,
	user: SyncUser,
	request: PushRequest
): Promise<{ ok: true; response: PushResponse } | SyncRefusal> {
	return db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const now = new Date();
		const device = await lockDevice(tx, request.deviceId, user.id);
		if (!device.ok) return device;
		let lastSeq = device.lastSeq;
		let changeSeq = await lockChangeCounter(tx, user.id);
		const startSeq = changeSeq;
		const context: PushContext = {
			tx,
			userId: user.id,
			teamId: user.teamId,
			deviceId: request.deviceId,
			cache: new Map(),
			nextVersion: () => (changeSeq += 1)
		};
		const replayed = await storedResults(tx, request, lastSeq);
		const seenIds = await knownMutationIds(tx, request, lastSeq);
		const results: MutationResult[] = [];
		let gap = false;
		for (const pushed of request.mutations) {
			if (pushed.seq <= lastSeq) {
				const stored = replayed.get(pushed.seq);
				if (stored) results.push(stored);
				continue;
			}
			if (pushed.seq > lastSeq + 1) {
				gap = true;
				break;
			}
			const outcome = seenIds.has(pushed.mutationId)
				? {
						status: 'rejected' as const,
						code: 'DUPLICATE_MUTATION_ID',
						message: 'This change id was already used by another change.'
					}
				: await applyPushedMutation(
						context,
						pushed,
						correctedClientTime(pushed.clientTime, request.sentAt, now)
					);
			const result: MutationResult = { seq: pushed.seq, mutationId: pushed.mutationId, ...outcome };
			await tx.insert(syncMutations).values({
				deviceId: request.deviceId,
				seq: pushed.seq,
				mutationId: pushed.mutationId,
				name: pushed.name,
				args: pushed.args,
				argsVersion: pushed.argsVersion,
				status: outcome.status,
				result,
				clientTime: new Date(pushed.clientTime)
			});
			seenIds.add(pushed.mutationId);
			results.push(result);
			lastSeq = pushed.seq;
		}
		await tx
			.update(syncDevices)
			.set({ lastSeq, lastSeenAt: now, lastAppVersion: request.appVersion })
			.where(eq(syncDevices.deviceId, request.deviceId));
		if (changeSeq !== startSeq) {
			await tx
				.update(userChangeCounters)
				.set({ changeSeq })
				.where(eq(userChangeCounters.userId, user.id));
		}
		return {
			ok: true as const,
			response: { lastSeq, results, gap, serverTime: now.toISOString() }
		};
	});
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
