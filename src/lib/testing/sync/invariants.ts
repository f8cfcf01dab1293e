/**
 * The invariants of docs/sync-protocol.md, checked against the server's tables and the devices'
 * databases once everything is quiet:
 * I1 every change a device recorded is in sync_mutations exactly once;
 * I2 each answer equals the last applied value in its history;
 * I3 every device shows exactly what the server holds, with nothing waiting;
 * I4 every refused or superseded change is visible on the device that made it.
 */
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { DatabaseHandle } from '$lib/server/db/database';
import { answerHistory, answers, syncMutations } from '$lib/server/db/schema';
import { answerOf } from '$lib/server/conversations/rows';
import { conversationsChangedAfter } from '$lib/server/repos/conversations.repo';
import { withoutServerFields } from '$lib/client/sync/local-view';
import type { TestDevice } from './harness';

export async function expectInvariants(server: DatabaseHandle, devices: readonly TestDevice[]) {
	const mutations = await server.db.select().from(syncMutations);
	for (const device of devices) {
		const deviceId = (await device.db.meta.get('deviceId'))!.value as string;
		const outbox = await device.db.outbox.orderBy('seq').toArray();
		const stored = mutations
			.filter((row) => row.deviceId === deviceId)
			.sort((a, b) => a.seq - b.seq);
		// I1
		expect(stored.map((row) => [row.seq, row.mutationId])).toEqual(
			outbox.map((entry) => [entry.seq, entry.mutationId])
		);
		// I3
		expect(outbox.filter((entry) => entry.state === 'pending')).toEqual([]);
		const held = await conversationsChangedAfter(server.db, device.user.id, 0, 100_000);
		const shown = (await device.db.conversations.toArray()).map(
			({ revision: _revision, ...conversation }) => conversation
		);
		expect(sortById(shown)).toEqual(sortById(held.map(withoutServerFields)));
		// I4
		const rejected = new Set((await device.db.rejected.toArray()).map((row) => row.mutationId));
		for (const row of stored.filter((row) => row.status === 'rejected')) {
			expect(rejected.has(row.mutationId), `rejected ${row.mutationId} shown`).toBe(true);
		}
		const conflicts = new Set((await device.db.conflicts.toArray()).map((row) => row.mutationId));
		const superseded = await server.db
			.select()
			.from(answerHistory)
			.where(eq(answerHistory.outcome, 'superseded'));
		for (const row of superseded.filter((row) => row.deviceId === deviceId)) {
			expect(conflicts.has(row.mutationId), `conflict ${row.mutationId} shown`).toBe(true);
		}
	}
	// A change that reused another's id is stored as refused; every other id is used once.
	const honest = mutations.filter(
		(row) => (row.result as { code?: string }).code !== 'DUPLICATE_MUTATION_ID'
	);
	expect(new Set(honest.map((row) => row.mutationId)).size).toBe(honest.length);
	// I2
	const history = await server.db
		.select()
		.from(answerHistory)
		.where(eq(answerHistory.outcome, 'applied'))
		.orderBy(asc(answerHistory.version), asc(answerHistory.id));
	const folded = new Map<string, unknown>();
	for (const row of history) folded.set(row.answerId, row.value);
	const answerRows = await server.db.select().from(answers);
	expect(answerRows.length).toBe(folded.size);
	for (const row of answerRows) expect(answerOf(row)).toEqual(folded.get(row.id));
}

const sortById = <T extends { id: string }>(list: T[]) =>
	[...list].sort((a, b) => a.id.localeCompare(b.id));
