import { expect } from '@playwright/test';
import type { Device } from './devices';
import type { ServerProcess } from './server-process';
import { expectDeviceMatchesServer, expectSynced, readDevice } from './sync';

type MutationRow = { device_id: string; seq: string | number; mutation_id: string; status: string };
type AnswerRow = {
	id: string;
	deleted: boolean;
	option_id: string | null;
	notes: string;
	evidence: unknown;
};
type HistoryRow = {
	answer_id: string;
	value: unknown;
	outcome: string;
	mutation_id: string;
	device_id: string;
};

/**
 * The invariants of docs/sync-protocol.md at the end of a scenario: every device syncs until
 * nothing waits, then
 * I3 each device shows exactly what the server holds;
 * I1 every change each device recorded is in sync_mutations exactly once;
 * I2 each answer equals the last applied value of its history;
 * I4 every refused or superseded change shows on the device that made it.
 * On PGlite the server is stopped to read its database, so call this last.
 */
export async function expectSyncInvariants(server: ServerProcess, devices: Device[]) {
	for (let round = 0; round < 2; round++) {
		for (const device of devices) await expectSynced(device.page);
	}
	const states = [];
	for (const device of devices) states.push(await expectDeviceMatchesServer(device.page));
	const mutations = await server.query<MutationRow>(
		'select device_id, seq, mutation_id, status from sync_mutations order by device_id, seq'
	);
	for (const state of states) {
		const stored = mutations.filter((row) => row.device_id === state.deviceId);
		expect(stored.map((row) => [Number(row.seq), row.mutation_id])).toEqual(
			[...state.outbox].sort((a, b) => a.seq - b.seq).map((entry) => [entry.seq, entry.mutationId])
		);
		const rejected = new Set(state.rejected.map((row) => row.mutationId));
		for (const row of stored.filter((row) => row.status === 'rejected')) {
			expect(rejected.has(row.mutation_id), `refused change ${row.mutation_id} shown`).toBe(true);
		}
	}
	expect(new Set(mutations.map((row) => row.mutation_id)).size).toBe(mutations.length);
	const history = await server.query<HistoryRow>(
		'select answer_id, value, outcome, mutation_id, device_id from answer_history order by version, id'
	);
	const folded = new Map<string, unknown>();
	for (const row of history.filter((row) => row.outcome === 'applied')) {
		folded.set(row.answer_id, row.value);
	}
	const answers = await server.query<AnswerRow>('select * from answers');
	expect(answers.length).toBe(folded.size);
	for (const row of answers) {
		const value = row.deleted
			? null
			: { optionId: row.option_id, notes: row.notes, evidence: row.evidence };
		expect(value).toEqual(folded.get(row.id));
	}
	for (const state of states) {
		const conflicts = new Set(state.conflicts.map((row) => row.mutationId));
		for (const row of history.filter(
			(row) => row.outcome === 'superseded' && row.device_id === state.deviceId
		)) {
			expect(conflicts.has(row.mutation_id), `superseded change ${row.mutation_id} shown`).toBe(
				true
			);
		}
	}
	return states;
}

export { readDevice };
