/**
 * Sync push: a device back online with 10,000 waiting changes uploads them in batches of 100,
 * each through `pushChanges` in this process (no HTTP), until all are acknowledged; on PGlite in
 * memory and on a fresh PostgreSQL database each repetition. The baseline writes the same 10,000
 * rows into a plain table shaped like sync_mutations (no keys, indexes or checks) with 1,000-row
 * INSERTs in one transaction: the least any upload of them could cost in that database.
 */
import { count, eq, sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '$lib/domain/ids';
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
import {
	logFigures,
	notAllApplied,
	openScratchPostgres,
	pushRequest,
	waitingChanges
} from '../lib/sync-load';

const CHANGES = 10_000;
const BASELINE_ROWS_PER_INSERT = 1_000;
const TARGET_SECONDS = 5;

const plainMutations = pgTable('bench_plain_mutations', {
	deviceId: uuid('device_id').notNull(),
	seq: bigint('seq', { mode: 'number' }).notNull(),
	mutationId: uuid('mutation_id').notNull(),
	name: text('name').notNull(),
	args: jsonb('args').notNull(),
	argsVersion: integer('args_version').notNull(),
	status: text('status').notNull(),
	result: jsonb('result').notNull(),
	clientTime: timestamp('client_time', { withTimezone: true }),
	receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
});

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

/** Writes the same rows with plain multi-row INSERTs in one transaction; returns milliseconds. */
async function insertPlain(db: Database, deviceId: string, changes: PushedMutation[]) {
	await db.execute(sql`drop table if exists bench_plain_mutations`);
	await db.execute(sql`
		create table bench_plain_mutations (
			device_id uuid not null,
			seq bigint not null,
			mutation_id uuid not null,
			name text not null,
			args jsonb not null,
			args_version integer not null,
			status text not null,
			result jsonb not null,
			client_time timestamptz,
			received_at timestamptz not null default now()
		)`);
	const rows = changes.map((change) => ({
		deviceId,
		seq: change.seq,
		mutationId: change.mutationId,
		name: change.name,
		args: change.args,
		argsVersion: change.argsVersion,
		status: 'applied',
		result: { seq: change.seq, mutationId: change.mutationId, status: 'applied' },
		clientTime: new Date(change.clientTime)
	}));
	const start = performance.now();
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		for (let i = 0; i < rows.length; i += BASELINE_ROWS_PER_INSERT) {
			await tx.insert(plainMutations).values(rows.slice(i, i + BASELINE_ROWS_PER_INSERT));
		}
	});
	const ms = performance.now() - start;
	const [stored] = await db.select({ n: count() }).from(plainMutations);
	if (stored?.n !== changes.length) throw new Error(`Baseline stored ${stored?.n} rows`);
	return ms;
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
			const changes = waitingChanges(CHANGES);
			const pushed = await pushAll(handle.db, user, deviceId, changes);
			requests = pushed.requests;
			const [stored] = await handle.db
				.select({ n: count() })
				.from(syncMutations)
				.where(eq(syncMutations.deviceId, deviceId));
			if (stored?.n !== CHANGES) throw new Error(`sync_mutations holds ${stored?.n} changes`);
			const baseline = await insertPlain(handle.db, deviceId, changes);
			pushedSeconds.push(pushed.ms / 1000);
			baselineSeconds.push(baseline / 1000);
			log(
				`${target.name} #${i + 1}: pushed in ${(pushed.ms / 1000).toFixed(2)} s, plain INSERT ${(baseline / 1000).toFixed(3)} s`
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
				`baseline ${Math.round(CHANGES / baseline.median).toLocaleString('en-GB')} rows/s: ${CHANGES / BASELINE_ROWS_PER_INSERT} INSERTs of ${BASELINE_ROWS_PER_INSERT.toLocaleString('en-GB')} rows into a table shaped like sync_mutations with no keys or indexes, one transaction, commit included`,
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
						target: onPostgres
							? { text: `≤ ${TARGET_SECONDS} s (median)`, met: pushed.median <= TARGET_SECONDS }
							: undefined,
						note: notes.join('; ')
					},
					{ label: 'plain multi-row INSERT of the same rows', ...baseline }
				)
			);
		}
		logFigures(context.log, figures);
		return figures;
	}
};
