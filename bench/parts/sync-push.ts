/**
 * Sync push: a device back online with 10,000 waiting changes over 20 conversations uploads them
 * in batches of 100, each through `pushChanges` in this process (no HTTP), until all are
 * acknowledged; on PGlite in memory and on a fresh PostgreSQL database each repetition. The
 * baseline writes the same rows the upload stored (its changes, answers, history, flags and
 * conversations) again through the raw driver into copies of those tables with the same keys and
 * indexes, one multi-row INSERT per table per batch (bench/lib/raw-copy.ts). Target: ≤ 3× it.
 */
import { count, eq } from 'drizzle-orm';
import { questionRowId, uuidv7, conversationIdFrom, questionIdFrom } from '$lib/domain/ids';
import {
	MAX_PUSH_BATCH,
	pushRequestSchema,
	type PushedMutation
} from '$lib/domain/sync/sync-protocol.schema';
import { openDatabase, type Database, type DatabaseHandle } from '$lib/server/db/database';
import { syncMutations } from '$lib/server/db/schema';
import { insertUser } from '$lib/server/repos/users.repo';
import { pushChanges, type SyncUser } from '$lib/server/sync/push';
import { compared, spread, type BenchContext, type Figure, type Part } from '../lib/figures';
import { rewriteInBatches } from '../lib/raw-copy';
import {
	logFigures,
	notAllApplied,
	openScratchPostgres,
	pushRequest,
	waitingChanges
} from '../lib/sync-load';

const CHANGES = 10_000;
const CONVERSATIONS = 20;
const TARGET_RATIO = 3;

type Target = { key: string; name: string; open: () => Promise<DatabaseHandle> };

/** Uploads every change as the device does, 100 a request; returns milliseconds. */
async function pushAll(db: Database, user: SyncUser, deviceId: string, changes: PushedMutation[]) {
	const start = performance.now();
	let acked = 0;
	let requests = 0;
	while (acked < changes.length) {
		const batch = changes.slice(acked, acked + MAX_PUSH_BATCH);
		// Checked as the route checks the body (the test harness's in-process transport does too).
		const request = pushRequestSchema.parse(pushRequest(user.id, deviceId, batch));
		const outcome = await pushChanges(db, user, request);
		requests++;
		if (!outcome.ok) throw new Error(`Push refused: ${outcome.code} ${outcome.message}`);
		const problem = notAllApplied(batch, outcome.response);
		if (problem) throw new Error(`Push of seq ${batch[0]!.seq}… not all applied: ${problem}`);
		acked = outcome.response.lastSeq;
	}
	return { ms: performance.now() - start, requests };
}

/** The batch (0-based) of each change, by mutation id. */
function batchesByMutation(changes: PushedMutation[]): Map<string, number> {
	return new Map(changes.map((change, i) => [change.mutationId, Math.floor(i / MAX_PUSH_BATCH)]));
}

/** Writes the rows the upload stored again, batch by batch, through the raw driver; in ms. */
async function rewriteRaw(handle: DatabaseHandle, changes: PushedMutation[]): Promise<number> {
	const batches = Math.ceil(changes.length / MAX_PUSH_BATCH);
	const batchOf = batchesByMutation(changes);
	// An answer or flag row is upserted by every batch that wrote it, as the upload does.
	const written = new Map<string, Set<number>>();
	const wrote = (id: string, batch: number) =>
		written.set(id, (written.get(id) ?? new Set()).add(batch));
	for (const change of changes) {
		const { conversationId, questionId } = change.args as Record<string, string>;
		if (questionId) {
			wrote(
				questionRowId(conversationIdFrom(conversationId!), questionIdFrom(questionId)),
				batchOf.get(change.mutationId)!
			);
		}
	}
	const every = Array.from({ length: batches }, (_, i) => i);
	return rewriteInBatches(
		handle,
		[
			{ table: 'conversations', skip: [], upsert: true },
			{ table: 'answers', skip: [], upsert: true },
			{ table: 'flags', skip: [], upsert: true },
			{ table: 'answer_history', skip: ['id', 'recorded_at'] },
			{ table: 'sync_mutations', skip: ['received_at'] }
		],
		batches,
		(table, row) => {
			if (table === 'conversations') return every;
			if (table === 'answers' || table === 'flags') return written.get(String(row.id)) ?? [];
			return [batchOf.get(String(row.mutation_id))!];
		}
	);
}

async function measure(target: Target, repetitions: number, log: BenchContext['log']) {
	const pushedSeconds: number[] = [];
	const baselineSeconds: number[] = [];
	let requests = 0;
	for (let i = 0; i < repetitions; i++) {
		const handle = await target.open();
		try {
			const row = await insertUser(handle.db, {
				email: `bench-${crypto.randomUUID()}@example.test`,
				name: 'Benchmark inspector',
				role: 'inspector',
				passwordHash: 'not-used'
			});
			const user: SyncUser = { id: row.id, teamId: null };
			const deviceId = uuidv7();
			const changes = waitingChanges(CHANGES, CONVERSATIONS);
			const pushed = await pushAll(handle.db, user, deviceId, changes);
			requests = pushed.requests;
			const [stored] = await handle.db
				.select({ n: count() })
				.from(syncMutations)
				.where(eq(syncMutations.deviceId, deviceId));
			if (stored?.n !== CHANGES) throw new Error(`sync_mutations holds ${stored?.n} changes`);
			const baseline = await rewriteRaw(handle, changes);
			pushedSeconds.push(pushed.ms / 1000);
			baselineSeconds.push(baseline / 1000);
			log(
				`${target.name} #${i + 1}: pushed in ${(pushed.ms / 1000).toFixed(2)} s, raw INSERTs of the same rows ${(baseline / 1000).toFixed(3)} s`
			);
		} finally {
			await handle.close();
		}
	}
	return { pushed: spread(pushedSeconds), baseline: spread(baselineSeconds), requests };
}

export const part: Part = {
	key: 'syncPush',
	title: 'Sync push',
	run: async (context) => {
		const repetitions = context.quick ? 2 : 5;
		const targets: Target[] = [
			{ key: 'pglite', name: 'PGlite (in memory)', open: () => openDatabase({ memory: true }) }
		];
		const { postgresUrl } = context;
		if (postgresUrl) {
			targets.push({
				key: 'postgres',
				name: 'PostgreSQL',
				open: () => openScratchPostgres(postgresUrl)
			});
		} else {
			context.log('No PostgreSQL reachable: PostgreSQL skipped.');
		}
		const figures: Figure[] = [];
		for (const target of targets) {
			const { pushed, baseline, requests } = await measure(target, repetitions, context.log);
			const onPostgres = target.key === 'postgres';
			const notes = [
				`${Math.round(CHANGES / pushed.median).toLocaleString('en-GB')} changes/s (median); ${requests} requests of ${MAX_PUSH_BATCH}, each checked by the push schema and run by pushChanges in one transaction; all ${CHANGES.toLocaleString('en-GB')} applied`,
				`baseline: the same rows written again through the raw driver into copies of the tables with the same keys and indexes, one multi-row INSERT per table and one transaction per batch of ${MAX_PUSH_BATCH}, commits included`,
				`${CHANGES.toLocaleString('en-GB')} changes over ${CONVERSATIONS} conversations`,
				onPostgres ? 'a fresh database per repetition' : 'a fresh in-memory database per repetition'
			];
			if (!postgresUrl) notes.push('PostgreSQL not reachable: not measured');
			figures.push(
				compared(
					{
						key: target.key,
						label: `${CHANGES.toLocaleString('en-GB')} waiting changes pushed, ${target.name}`,
						unit: 's',
						measured: pushed,
						target: {
							text: `≤ ${TARGET_RATIO}× the baseline (median)`,
							met: pushed.median <= TARGET_RATIO * baseline.median
						},
						note: notes.join('; ')
					},
					{ label: 'raw multi-row INSERTs of the same rows', ...baseline }
				)
			);
		}
		logFigures(context.log, figures);
		return figures;
	}
};
