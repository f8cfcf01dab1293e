import { afterEach, describe, expect, it } from 'vitest';
import { answer, startMutation, questionSetFor } from '$lib/testing/factories';
import { outboxEntrySchema, rejectedEntrySchema } from './tables';
import { ConversationDb, SCHEMA_VERSIONS, type SchemaVersion } from './db';
import { openDatabase } from './open-database';
import { applyMutation } from '$lib/domain/conversation/apply-mutation';

const names: string[] = [];
const freshName = () => {
	const name = `test-${crypto.randomUUID()}`;
	names.push(name);
	return name;
};
afterEach(async () => {
	await Promise.all(names.splice(0).map((name) => new ConversationDb(name).delete()));
});

describe('device database upgrades', () => {
	it('declares integer versions in increasing order, each keeping the outbox and rejected tables', () => {
		SCHEMA_VERSIONS.forEach((step, index) => {
			expect(Number.isInteger(step.version)).toBe(true);
			if (index > 0) expect(step.version).toBeGreaterThan(SCHEMA_VERSIONS[index - 1]!.version);
			expect(step.stores.outbox).not.toBeNull();
			expect(step.stores.rejected).not.toBeNull();
		});
	});

	// Every later version, plus one more that adds an index, must open a database written by the
	// first version without losing a row.
	it('keeps every row written by the first version when opened by the current and the next', async () => {
		const name = freshName();
		const first = new ConversationDb(name, { versions: SCHEMA_VERSIONS.slice(0, 1) });
		const start = startMutation();
		const conversationId = start.args.conversationId;
		// Written as the first version's app wrote them, table by table.
		const conversation = applyMutation({
			conversation: undefined,
			mutation: start,
			questionSet: questionSetFor(),
			at: start.args.startedAt
		});
		await first.conversations.put(conversation);
		await first.outbox.add({
			...start,
			seq: 1,
			mutationId: crypto.randomUUID(),
			clientTime: start.args.startedAt,
			conversationId,
			state: 'pending',
			attempts: 0
		});
		await first.rejected.add({
			mutationId: crypto.randomUUID(),
			seq: 9,
			conversationId,
			entry: (await first.outbox.get(1))!,
			code: 'LOCKED',
			message: 'Completed',
			rejectedAt: new Date().toISOString()
		});
		const written = await dump(first);
		first.close();

		const last = SCHEMA_VERSIONS.at(-1)!;
		const outbox = SCHEMA_VERSIONS.findLast((step) => step.stores.outbox)!.stores.outbox;
		const next: SchemaVersion = {
			version: last.version + 1,
			stores: { outbox: `${outbox}, createdAt` }
		};
		for (const versions of [SCHEMA_VERSIONS, [...SCHEMA_VERSIONS, next]]) {
			const upgraded = new ConversationDb(name, { versions });
			await upgraded.open();
			// Tables added later start empty beside every row of the first version.
			expect(await dump(upgraded)).toEqual(expect.objectContaining(written));
			upgraded.close();
		}
	});
});

describe('device database upgrade 3', () => {
	it('moves the baseVersion of queued answer changes from args to the envelope (argsVersion 2)', async () => {
		const name = freshName();
		const before = new ConversationDb(name, { versions: SCHEMA_VERSIONS.slice(0, 2) });
		const start = startMutation();
		const conversationId = start.args.conversationId;
		const queued = (seq: number, change: Record<string, unknown>) => ({
			...change,
			seq,
			mutationId: `00000000-0000-4000-8000-00000000000${seq}`,
			clientTime: start.args.startedAt,
			conversationId,
			state: 'pending',
			attempts: 0
		});
		const set = {
			name: 'answer.set',
			argsVersion: 1,
			args: { conversationId, questionId: '1.1', answer: answer('yes', 'Kept'), baseVersion: 4 }
		};
		const clear = {
			name: 'answer.clear',
			argsVersion: 1,
			args: { conversationId, questionId: '1.2', baseVersion: 9 }
		};
		// Written as an app of schema version 2 wrote them.
		await before.table('outbox').bulkAdd([queued(1, start), queued(2, set), queued(3, clear)]);
		await before.table('rejected').add({
			mutationId: crypto.randomUUID(),
			seq: 3,
			conversationId,
			entry: queued(3, clear),
			code: 'LOCKED',
			message: 'Completed',
			rejectedAt: new Date().toISOString()
		});
		before.close();

		const upgraded = new ConversationDb(name);
		await upgraded.open();
		const outbox = await upgraded.outbox.orderBy('seq').toArray();
		expect(outbox.map((entry) => outboxEntrySchema.safeParse(entry).success)).toEqual([
			true,
			true,
			true
		]);
		expect(outbox[0]).toEqual(queued(1, start));
		expect(outbox[1]).toEqual({
			...queued(2, set),
			argsVersion: 2,
			baseVersion: 4,
			args: { conversationId, questionId: '1.1', answer: answer('yes', 'Kept') }
		});
		expect(outbox[2]).toMatchObject({
			argsVersion: 2,
			baseVersion: 9,
			args: { questionId: '1.2' }
		});
		expect(outbox[2]!.args).not.toHaveProperty('baseVersion');
		const [rejected] = await upgraded.rejected.toArray();
		expect(rejected!.entry).toMatchObject({ argsVersion: 2, baseVersion: 9 });
		expect(rejectedEntrySchema.safeParse(rejected).success).toBe(true);
		upgraded.close();
	});
});

describe('openDatabase', () => {
	it('gives the device an id once, and puts the question sets and demo directory on it', async () => {
		const owner = crypto.randomUUID();
		names.push(`esf-conversations-${owner}`);
		const db = await openDatabase(owner);
		const deviceId = (await db.meta.get('deviceId'))?.value;
		expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);
		expect(await db.questionSets.count()).toBe(4);
		expect(await db.locations.count()).toBeGreaterThanOrEqual(30);
		db.close();
		const again = await openDatabase(owner);
		expect((await again.meta.get('deviceId'))?.value).toBe(deviceId);
		again.close();
	});
});

async function dump(db: ConversationDb) {
	const tables = db.tables.map((table) => table.name).sort();
	return Object.fromEntries(
		await Promise.all(tables.map(async (table) => [table, await db.table(table).toArray()]))
	);
}
