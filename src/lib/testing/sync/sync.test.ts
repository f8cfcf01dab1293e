import { questionIdFrom, type ConversationId } from '$lib/domain/ids';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { answer, everythingAnswered, startMutation } from '$lib/testing/factories';
import type { DatabaseHandle } from '$lib/server/db/database';
import { pushChanges, type SyncUser } from '$lib/server/sync/push';
import { testDatabases } from '$lib/server/testing/databases';
import { pullChanges } from '$lib/client/sync/pull-changes';
import { pushOutbox } from '$lib/client/sync/push-outbox';
import { createInspector, TestDevice } from './harness';
import { expectInvariants } from './invariants';

const setAnswer = (
	conversationId: ConversationId,
	questionId: string,
	optionId: string,
	notes = ''
): Mutation => ({
	name: 'answer.set',
	argsVersion: 2,
	args: { conversationId, questionId: questionIdFrom(questionId), answer: answer(optionId, notes) }
});

/**
 * Waits so that two changes are further apart than the clock correction can move them: it adds
 * each request's delay between leaving the device and reaching the database, which a busy
 * machine stretches by more than a few milliseconds.
 */
const madeApart = () => new Promise((resolve) => setTimeout(resolve, 300));

describe.each(testDatabases())('sync on $name', ({ open }) => {
	let server: DatabaseHandle;
	let user: SyncUser;
	const devices: TestDevice[] = [];
	const device = async () => {
		const made = await new TestDevice(server, user).open();
		devices.push(made);
		return made;
	};

	beforeAll(async () => {
		server = await open();
	});
	afterAll(() => server.close());
	beforeEach(async () => {
		user = await createInspector(server, `inspector-${crypto.randomUUID()}@example.test`);
	});
	afterEach(async () => {
		for (const made of devices.splice(0)) await made.db.delete();
	});

	it('brings a conversation recorded offline to the server and to the person’s other device', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start, setAnswer(id, '1.1', 'yes', 'Weekly audits'));
		await a.settle();
		await b.settle();
		expect((await b.db.conversations.get(id))?.answers['1.1']).toEqual(
			answer('yes', 'Weekly audits')
		);
		await expectInvariants(server, [a, b]);
	});

	it('applies a change once when the acknowledgement is lost (scenario 1) or the request is duplicated (2)', async () => {
		const a = await device();
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start, setAnswer(id, '1.1', 'yes'));
		let pushes = 0;
		a.faults = (kind) => (kind === 'push' && ++pushes === 1 ? 'lose-response' : 'duplicate');
		expect((await a.sync()).ok).toBe(false);
		await a.record(id, setAnswer(id, '1.2', 'no'));
		await a.settle();
		await expectInvariants(server, [a]);
	});

	it('stops at a gap and applies everything once the missing changes arrive (scenario 3)', async () => {
		const a = await device();
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start, setAnswer(id, '1.1', 'yes'), setAnswer(id, '1.2', 'no'));
		const deviceId = (await a.db.meta.get('deviceId'))!.value as string;
		const outbox = await a.db.outbox.orderBy('seq').toArray();
		const wire = outbox.map((entry) => ({
			seq: entry.seq,
			mutationId: entry.mutationId,
			clientTime: entry.clientTime,
			name: entry.name,
			argsVersion: entry.argsVersion,
			args: entry.args as Record<string, unknown>
		}));
		const push = (mutations: typeof wire) =>
			pushChanges(server.db, user, {
				protocol: 1,
				appVersion: 'test',
				userId: user.id,
				deviceId,
				sentAt: new Date().toISOString(),
				mutations
			});
		const early = await push(wire.slice(2));
		expect(early).toMatchObject({ ok: true, response: { gap: true, lastSeq: 0, results: [] } });
		const inOrder = await push(wire);
		expect(inOrder).toMatchObject({ ok: true, response: { gap: false, lastSeq: 3 } });
		await a.settle();
		await expectInvariants(server, [a]);
	});

	it('decides a conflict the same way for both devices and shows the loser its value (scenario 8)', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start);
		await a.settle();
		await b.settle();
		await b.record(id, setAnswer(id, '1.1', 'yes', 'from B, earlier'));
		await madeApart();
		await a.record(id, setAnswer(id, '1.1', 'no', 'from A, later'));
		await a.settle();
		await b.settle();
		await a.settle();
		for (const made of [a, b]) {
			expect((await made.db.conversations.get(id))?.answers['1.1']?.notes).toBe('from A, later');
		}
		expect(await b.db.conflicts.toArray()).toEqual([
			expect.objectContaining({
				questionId: questionIdFrom('1.1'),
				losingValue: answer('yes', 'from B, earlier'),
				winningValue: answer('no', 'from A, later')
			})
		]);
		expect(await a.db.conflicts.count()).toBe(0);
		await expectInvariants(server, [a, b]);
	});

	it('raises the flag of a concern answer on the server and the person’s other device', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start, setAnswer(id, '1.1', 'no', 'No isolation plan'));
		await a.settle();
		await b.settle();
		expect((await b.db.conversations.get(id))?.flags['1.1']).toMatchObject({
			severity: 'high',
			raisedBy: 'answer',
			status: 'raised'
		});
		await expectInvariants(server, [a, b]);
	});

	it('raises no flag for a concern answer that lost a conflict', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start);
		await a.settle();
		await b.settle();
		// B picks the serious-concern answer, which raises its flag.
		await b.record(id, setAnswer(id, '1.1', 'no', 'from B, earlier'));
		expect((await b.db.conversations.get(id))?.flags['1.1']).toMatchObject({ raisedBy: 'answer' });
		await madeApart();
		await a.record(id, setAnswer(id, '1.1', 'yes', 'from A, later'));
		await a.settle();
		await b.settle();
		await a.settle();
		for (const made of [a, b]) {
			const shown = await made.db.conversations.get(id);
			expect(shown?.answers['1.1']?.optionId).toBe('yes');
			expect(shown?.flags['1.1']).toBeUndefined();
		}
		await expectInvariants(server, [a, b]);
	});

	it('orders conflicting edits by the server’s clock when a device clock is wrong (scenario 9)', async () => {
		const [fast, right] = [await device(), await device()];
		fast.clockOffsetMs = 2 * 24 * 3600 * 1000;
		const start = startMutation();
		const id = start.args.conversationId;
		await right.record(id, start);
		await right.settle();
		await fast.settle();
		const realNow = Date.now;
		Date.now = () => realNow() + fast.clockOffsetMs;
		try {
			await fast.record(id, setAnswer(id, '2.1', 'yes', 'fast clock, made first'));
		} finally {
			Date.now = realNow;
		}
		await madeApart();
		await right.record(id, setAnswer(id, '2.1', 'no', 'right clock, made later'));
		await fast.settle();
		await right.settle();
		await fast.settle();
		expect((await right.db.conversations.get(id))?.answers['2.1']?.notes).toBe(
			'right clock, made later'
		);
		await expectInvariants(server, [fast, right]);
	});

	it('keeps a refused change, shows it, and goes on with the queue (scenario 11)', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start);
		await a.settle();
		await b.settle();
		await b.record(id, setAnswer(id, '1.1', 'yes', 'late answer'));
		await a.record(id, ...everythingAnswered(id), {
			name: 'conversation.complete',
			argsVersion: 1,
			args: { conversationId: id, completedAt: new Date().toISOString() }
		});
		await a.settle();
		const second = startMutation();
		await b.record(second.args.conversationId, second);
		await b.settle();
		const rejected = await b.db.rejected.toArray();
		expect(rejected.map((row) => row.code)).toEqual(['LOCKED']);
		expect(await b.db.conversations.get(second.args.conversationId)).toBeDefined();
		expect((await b.db.conversations.get(id))?.status).toBe('completed');
		await a.settle();
		await expectInvariants(server, [a, b]);
	});

	it('refuses, change by change, what an older app queued that no database could store, and uploads the rest', async () => {
		const a = await device();
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start);
		await a.settle();
		// Queued as an app that checked less might have: straight into the outbox, in order.
		const queue = async (change: Record<string, unknown>) => {
			const seq = ((await a.db.outbox.orderBy('seq').last())?.seq ?? 0) + 1;
			await a.db.outbox.add({
				...setAnswer(id, '1.1', 'yes'),
				seq,
				mutationId: crypto.randomUUID(),
				clientTime: new Date().toISOString(),
				baseVersion: 0,
				conversationId: id,
				state: 'pending',
				attempts: 0,
				...change
			} as never);
			await a.db.meta.put({ key: 'nextSeq', value: seq + 1 });
		};
		await queue({
			args: { conversationId: id, questionId: '1.1', answer: answer('yes', 'half \ud83d') }
		});
		await queue({
			args: { conversationId: id, questionId: '1.2', answer: answer('yes', 'nul \u0000') }
		});
		await queue({ clientTime: '0000-01-01T00:00:00.000Z' });
		await queue({ argsVersion: 2 ** 31 });
		await a.record(id, setAnswer(id, '1.3', 'yes', 'after the poison'));
		await a.settle();
		const rejected = await a.db.rejected.orderBy('seq').toArray();
		expect(rejected.map((row) => row.code)).toEqual([
			'INVALID_ARGS',
			'INVALID_ARGS',
			'INVALID_ARGS',
			'UNSUPPORTED_ARGS_VERSION'
		]);
		expect(rejected.map((row) => row.message)).toEqual([
			expect.stringContaining('broken character'),
			expect.stringContaining('NUL'),
			expect.stringContaining('years 1900 to 2999'),
			expect.stringContaining('not supported')
		]);
		expect(await a.db.outbox.where('state').equals('pending').count()).toBe(0);
		expect((await a.db.serverConversations.get(id))?.answers['1.3']?.notes).toBe(
			'after the poison'
		);
		await expectInvariants(server, [a]);
	});

	it('keeps retrying through server errors without losing or repeating anything (scenario 10)', async () => {
		const a = await device();
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start, setAnswer(id, '1.1', 'yes'));
		let failures = 0;
		a.faults = () => (++failures <= 10 ? 'server-error' : 'deliver');
		for (let round = 0; round < 10; round++) expect((await a.sync()).ok).toBe(false);
		await a.settle();
		await expectInvariants(server, [a]);
	});

	it('refuses a device registered to someone else, for the whole request', async () => {
		const a = await device();
		const start = startMutation();
		await a.record(start.args.conversationId, start);
		await a.settle();
		const other = await createInspector(server, `other-${crypto.randomUUID()}@example.test`);
		const stolen = new TestDevice(server, other, a.name);
		stolen.db = a.db;
		await a.record(start.args.conversationId, setAnswer(start.args.conversationId, '1.1', 'yes'));
		const report = await stolen.sync();
		expect(report).toMatchObject({ ok: false, failure: { kind: 'refused' } });
		expect(await a.db.outbox.where('state').equals('pending').count()).toBe(1);
	});

	it('refuses a change that reuses another change’s id, and goes on with the queue', async () => {
		const a = await device();
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start);
		await a.settle();
		const deviceId = (await a.db.meta.get('deviceId'))!.value as string;
		const [first] = await a.db.outbox.toArray();
		const reused = { ...setAnswer(id, '1.1', 'yes'), seq: 2, mutationId: first!.mutationId };
		const next = { ...setAnswer(id, '1.2', 'yes'), seq: 3, mutationId: crypto.randomUUID() };
		const outcome = await pushChanges(server.db, user, {
			protocol: 1,
			appVersion: 'test',
			userId: user.id,
			deviceId,
			sentAt: new Date().toISOString(),
			mutations: [reused, next].map(({ seq, mutationId, name, argsVersion, args }) => ({
				seq,
				mutationId,
				name,
				argsVersion,
				args,
				baseVersion: 0,
				clientTime: new Date().toISOString()
			}))
		});
		expect(outcome).toMatchObject({
			ok: true,
			response: {
				lastSeq: 3,
				results: [
					{ seq: 2, status: 'rejected', code: 'DUPLICATE_MUTATION_ID' },
					{ seq: 3, status: 'applied' }
				]
			}
		});
	});

	it('refuses a change of an args version the database columns could not hold, and goes on', async () => {
		const a = await device();
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start);
		await a.settle();
		const deviceId = (await a.db.meta.get('deviceId'))!.value as string;
		const change = (seq: number, argsVersion: number, questionId: string) => ({
			...setAnswer(id, questionId, 'yes'),
			argsVersion,
			seq,
			mutationId: crypto.randomUUID(),
			clientTime: new Date().toISOString(),
			baseVersion: 0
		});
		const outcome = await pushChanges(server.db, user, {
			protocol: 1,
			appVersion: 'test',
			userId: user.id,
			deviceId,
			sentAt: new Date().toISOString(),
			mutations: [change(2, 2 ** 31, '1.1'), change(3, 2 ** 53 - 1, '1.2'), change(4, 2, '1.3')]
		});
		expect(outcome).toMatchObject({
			ok: true,
			response: {
				lastSeq: 4,
				results: [
					{ seq: 2, status: 'rejected', code: 'UNSUPPORTED_ARGS_VERSION' },
					{ seq: 3, status: 'rejected', code: 'UNSUPPORTED_ARGS_VERSION' },
					{ seq: 4, status: 'applied' }
				]
			}
		});
	});

	it('takes answer changes in the shape an app not yet updated sends (argsVersion 1, baseVersion in args)', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		await a.record(id, start, setAnswer(id, '1.1', 'yes', 'from A'));
		await a.settle();
		await b.settle();
		const seen = (await b.db.serverConversations.get(id))!.answerVersions['1.1']!;
		expect(seen).toBeGreaterThan(0);
		const bId = (await b.db.meta.get('deviceId'))!.value as string;
		const older = (seq: number, questionId: string, baseVersion: number, notes: string) => ({
			seq,
			mutationId: crypto.randomUUID(),
			clientTime: new Date().toISOString(),
			name: 'answer.set',
			argsVersion: 1,
			args: {
				conversationId: id,
				questionId: questionIdFrom(questionId),
				answer: answer('yes', notes),
				baseVersion
			}
		});
		const pushed = await pushChanges(server.db, user, {
			protocol: 1,
			appVersion: 'older',
			userId: user.id,
			deviceId: bId,
			sentAt: new Date().toISOString(),
			// Based on the version B saw: no conflict. Then a stale base that lost to A's later edit.
			mutations: [older(1, '1.1', seen, 'from B, seen A'), older(2, '1.2', 0, 'from B')]
		});
		expect(pushed).toMatchObject({
			ok: true,
			response: { lastSeq: 2, results: [{ status: 'applied' }, { status: 'applied' }] }
		});
		await a.record(id, setAnswer(id, '1.1', 'no', 'from A, later'));
		await a.settle();
		const stale = await pushChanges(server.db, user, {
			protocol: 1,
			appVersion: 'older',
			userId: user.id,
			deviceId: bId,
			sentAt: new Date().toISOString(),
			// Made a minute before A's later edit.
			mutations: [
				{
					...older(3, '1.1', seen, 'from B, stale'),
					clientTime: new Date(Date.now() - 60_000).toISOString()
				}
			]
		});
		expect(stale).toMatchObject({
			ok: true,
			response: { results: [{ status: 'superseded', code: 'CHANGED_ON_ANOTHER_DEVICE' }] }
		});
		await a.settle();
		expect((await a.db.conversations.get(id))?.answers).toMatchObject({
			'1.1': answer('no', 'from A, later'),
			'1.2': answer('yes', 'from B')
		});
	});

	it('shows the winning value even when a paged download stops half way', async () => {
		const [a, b] = [await device(), await device()];
		const start = startMutation();
		const id = start.args.conversationId;
		const other = startMutation();
		await a.record(id, start);
		await a.record(other.args.conversationId, other);
		await a.settle();
		await b.settle();
		await b.record(id, setAnswer(id, '1.1', 'no', 'from B, earlier'));
		await madeApart();
		await a.record(id, setAnswer(id, '1.1', 'yes', 'from A, later'));
		await a.settle();
		// B uploads and loses; then A changes another conversation before B downloads.
		await pushOutbox(b.db, b.transport, { appVersion: 'test', userId: user.id });
		await a.record(other.args.conversationId, setAnswer(other.args.conversationId, '1.1', 'no'));
		await a.settle();
		let pulls = 0;
		b.faults = (kind) => (kind === 'pull' && ++pulls === 2 ? 'lose-request' : 'deliver');
		const pulled = await pullChanges(b.db, b.transport, { userId: user.id, pageSize: 1 });
		expect(pulled).toMatchObject({ ok: false, conversations: 1 });
		expect((await b.db.conversations.get(id))?.answers['1.1']?.notes).toBe('from A, later');
		b.faults = () => 'deliver';
		await b.settle();
		await expectInvariants(server, [a, b]);
	});
});
