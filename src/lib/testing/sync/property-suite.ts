/**
 * Random interleavings of edits, syncs, lost and duplicated requests, restarts and clock jumps,
 * run against the real device sync code (fake-indexeddb) and the real server code (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set). Once every device has settled, the invariants I1–I4
 * must hold, no device may show a value nobody wrote, and a completed conversation must refuse
 * (LOCKED) every change recorded after it was completed.
 *
 * SYNC_PROPERTY_RUNS sets the number of runs per database (default 200; `npm run soak` uses
 * 10 000). A failure prints the seed and the shrunk command list; replay it with
 * SYNC_PROPERTY_SEED=<seed> SYNC_PROPERTY_PATH=<path>.
 */
import fc from 'fast-check';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	Answer,
	ConversationPatch,
	Evidence,
	Flag
} from '$lib/domain/conversation/conversation.schema';
import { emptyConversationFields } from '$lib/domain/conversation/conversation.schema';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { uuidv7, type ConversationId, questionIdFrom } from '$lib/domain/ids';
import { runSyncCycle } from '$lib/client/sync/sync-cycle';
import type { DatabaseHandle } from '$lib/server/db/database';
import {
	answerHistory,
	answers,
	conversations,
	flags,
	questionReturns,
	reviewEvents,
	syncDevices,
	syncMutations,
	userChangeCounters
} from '$lib/server/db/schema';
import { testDatabases } from '$lib/server/testing/databases';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';
import { flagRaisedByAnswer } from '$lib/domain/risk/risk-rules';
import { everythingAnswered, questionSetFor, startMutation } from '$lib/testing/factories';
import { createInspector, TestDevice, type Delivery } from './harness';
import { expectInvariants } from './invariants';

/** Runs per database in all, split over the two property test files. */
export const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
const SEED = process.env.SYNC_PROPERTY_SEED ? Number(process.env.SYNC_PROPERTY_SEED) : undefined;
const PATH = process.env.SYNC_PROPERTY_PATH || undefined;
const STATS = process.env.SYNC_PROPERTY_STATS === '1';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const QUESTIONS = ['1.1', '1.2', '2.1'] as const;
const FIELDS = ['internalRisks', 'externalRisks', 'goodPractice'] as const;
const DELIVERIES: Delivery[] = [
	'deliver',
	'lose-request',
	'lose-response',
	'duplicate',
	'server-error'
];

// ---------------------------------------------------------------------------------------------
// Commands

type Edit =
	| {
			type: 'set';
			question: string;
			option: string | null;
			notes: string;
			evidence: Evidence[];
			unique: boolean;
	  }
	| { type: 'clear'; question: string }
	| { type: 'update'; field: (typeof FIELDS)[number] }
	| {
			type: 'flag';
			question: string;
			severity: Flag['severity'];
			status: Flag['status'];
	  };

type Command =
	| { do: 'start'; device: number; slot: number }
	| { do: 'edit'; device: number; slot: number; edit: Edit }
	/** Several edits in a row with no sync in between. */
	| { do: 'offline'; device: number; edits: Array<{ slot: number; edit: Edit }> }
	| { do: 'complete'; device: number; slot: number }
	/** One sync cycle; each request takes the next delivery of `faults`, then 'deliver'. */
	| { do: 'sync'; device: number; faults: Delivery[]; pageSize: number }
	| { do: 'restart'; device: number }
	| { do: 'clock'; device: number; offsetMs: number }
	/**
	 * Syncs and edits running at the same time, on different devices or in two tabs of one (the
	 * fallback without Web Locks, where every tab syncs). Edits here use the right clock.
	 */
	| { do: 'together'; actions: Action[] };

type Action =
	| { device: number; sync: { faults: Delivery[]; pageSize: number } }
	| { device: number; edit: Edit; slot: number };

type Scenario = { devices: number; conversations: number; commands: Command[] };

const device = fc.nat({ max: 2 });
const slot = fc.nat({ max: 2 });
const question = fc.constantFrom(...QUESTIONS);

const edit: fc.Arbitrary<Edit> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			type: fc.constant('set' as const),
			question,
			option: fc.constantFrom('yes', 'partly', 'no', null),
			notes: fc.constantFrom('', 'Weekly audits', 'Short of staff'),
			evidence: fc.constantFrom<Evidence[]>([], ['email'], ['screen-share', 'email'], ['none']),
			unique: fc.boolean()
		})
	},
	{ weight: 2, arbitrary: fc.record({ type: fc.constant('clear' as const), question }) },
	{
		weight: 1,
		arbitrary: fc.record({
			type: fc.constant('update' as const),
			field: fc.constantFrom(...FIELDS)
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			type: fc.constant('flag' as const),
			question,
			severity: fc.constantFrom('low', 'medium', 'high'),
			status: fc.constantFrom('raised', 'withdrawn')
		})
	}
);

const faults = fc.array(fc.constantFrom(...DELIVERIES), { maxLength: 4 });
const pageSize = fc.constantFrom(1, 2, 500);

const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 2, arbitrary: fc.record({ device, sync: fc.record({ faults, pageSize }) }) },
	{ weight: 1, arbitrary: fc.record({ device, edit, slot }) }
);

const command: fc.Arbitrary<Command> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ do: fc.constant('start' as const), device, slot }) },
	{ weight: 12, arbitrary: fc.record({ do: fc.constant('edit' as const), device, slot, edit }) },
	{
		weight: 3,
		arbitrary: fc.record({
			do: fc.constant('offline' as const),
			device,
			edits: fc.array(fc.record({ slot, edit }), { minLength: 2, maxLength: 6 })
		})
	},
	{ weight: 2, arbitrary: fc.record({ do: fc.constant('complete' as const), device, slot }) },
	{
		weight: 12,
		arbitrary: fc.record({
			do: fc.constant('sync' as const),
			device,
			faults,
			pageSize
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({
			do: fc.constant('together' as const),
			actions: fc.array(action, { minLength: 2, maxLength: 3 })
		})
	},
	{ weight: 2, arbitrary: fc.record({ do: fc.constant('restart' as const), device }) },
	{
		weight: 2,
		arbitrary: fc.record({
			do: fc.constant('clock' as const),
			device,
			offsetMs: fc.constantFrom(
				0,
				0,
				5 * 60 * 1000,
				3 * HOUR,
				-3 * HOUR,
				2 * DAY,
				-3 * DAY,
				30 * DAY
			)
		})
	}
);

/**
 * Usually the conversations are started first and every device has them (each starter uploads,
 * then every device that has not seen the last upload downloads) before the random part.
 */
const opening = (devices: number, conversations: number): fc.Arbitrary<Command[]> =>
	fc.oneof(
		{ weight: 1, arbitrary: fc.constant<Command[]>([]) },
		{
			weight: 3,
			arbitrary: fc
				.array(fc.nat({ max: devices - 1 }), { minLength: conversations, maxLength: conversations })
				.map((starters): Command[] => {
					const uploaders = [...new Set(starters)];
					const sync = (each: number): Command => ({
						do: 'sync',
						device: each,
						faults: [],
						pageSize: 500
					});
					return [
						...starters.map((starter, index): Command => ({
							do: 'start',
							device: starter,
							slot: index
						})),
						...uploaders.map(sync),
						...Array.from({ length: devices }, (_, each) => each)
							.filter((each) => each !== uploaders.at(-1))
							.map(sync)
					];
				})
		}
	);

const scenario: fc.Arbitrary<Scenario> = fc
	.record({
		devices: fc.integer({ min: 2, max: 3 }),
		conversations: fc.integer({ min: 1, max: 3 })
	})
	.chain(({ devices, conversations }) =>
		fc
			.tuple(opening(devices, conversations), fc.array(command, { minLength: 5, maxLength: 25 }))
			.map(([first, rest]) => ({ devices, conversations, commands: [...first, ...rest] }))
	);

// ---------------------------------------------------------------------------------------------
// The device's own clock

const RealDate = Date;

/**
 * Runs `work` with the clock of a device that is `offsetMs` wrong, so the time a change is
 * recorded at is as wrong as the time the device later sends. Only local work runs meanwhile.
 */
async function onDeviceClock<T>(offsetMs: number, work: () => Promise<T>): Promise<T> {
	if (offsetMs === 0) return work();
	class DeviceDate extends RealDate {
		constructor(...args: unknown[]) {
			if (args.length === 0) super(RealDate.now() + offsetMs);
			else super(...(args as [string]));
		}
		static now() {
			return RealDate.now() + offsetMs;
		}
		static [Symbol.hasInstance](value: unknown) {
			return value instanceof RealDate;
		}
	}
	globalThis.Date = DeviceDate as unknown as DateConstructor;
	try {
		return await work();
	} finally {
		globalThis.Date = RealDate;
	}
}

// ---------------------------------------------------------------------------------------------
// One run

type Stats = Record<
	'runs' | 'recorded' | 'failedSyncs' | 'completed' | 'locked' | 'superseded',
	number
> & { refused: Record<string, number> };

/** JSON with sorted keys, so equal values compare equal. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
			: inner
	);
}

/**
 * Drops the sync data of earlier runs (each run has an inspector of its own), so that the
 * invariant checks, which read whole tables, stay quick through a long soak.
 */
async function forgetEarlierRuns(server: DatabaseHandle): Promise<void> {
	// TRUNCATE, not DELETE: the audit trail refuses row deletes, and uploads add to it.
	await server.db.execute(
		sql`truncate ${reviewEvents}, ${questionReturns}, ${syncMutations}, ${answerHistory}, ${answers}, ${flags}, ${conversations}, ${syncDevices}, ${userChangeCounters}`
	);
}

async function run(server: DatabaseHandle, plan: Scenario, stats: Stats): Promise<void> {
	await forgetEarlierRuns(server);
	const user = await createInspector(server, `soak-${crypto.randomUUID()}@example.test`);
	const devices: TestDevice[] = [];
	try {
		for (let i = 0; i < plan.devices; i++) devices.push(await new TestDevice(server, user).open());
		const ids = Array.from(
			{ length: plan.conversations },
			() => startMutation().args.conversationId
		);
		const started = new Set<ConversationId>();
		/** Every value any device recorded, by conversation and question or field. */
		const written = new Map<string, Set<string>>();
		const wrote = (key: string, value: unknown) => {
			if (!written.has(key)) written.set(key, new Set());
			written.get(key)!.add(canonical(value));
		};
		/** Each recorded change with the step it was recorded at. */
		const recorded: Array<{ mutationId: string; conversationId: string; step: number }> = [];
		/** The step after which the server held each conversation as completed. */
		const completedAtStep = new Map<string, number>();
		let counter = 0;

		const pick = (index: number) => devices[index % devices.length]!;
		const idOf = (index: number) => ids[index % ids.length]!;

		async function record(
			target: TestDevice,
			id: ConversationId,
			mutations: Mutation[],
			step: number,
			skewed = true
		) {
			// Ids chosen here (as the typing journal does) tell this change's entries apart from
			// those of a change recorded at the same time.
			const identified = mutations.map((mutation) => ({ ...mutation, mutationId: uuidv7() }));
			const ids = identified.map((mutation) => mutation.mutationId);
			const save = () => target.record(id, ...identified);
			let saved: Awaited<ReturnType<typeof save>>;
			try {
				saved = skewed ? await onDeviceClock(target.clockOffsetMs, save) : await save();
				expect(saved.id).toBe(id);
			} catch (error) {
				// The app refused the input (LOCKED, NOT_FOUND, INCOMPLETE…): nothing was saved.
				if (!(error instanceof DomainError)) throw error;
				stats.refused[error.code] = (stats.refused[error.code] ?? 0) + 1;
				expect(await target.db.outbox.where('mutationId').anyOf(ids).count()).toBe(0);
				return;
			}
			stats.recorded += 1;
			const added = await target.db.outbox.where('mutationId').anyOf(ids).sortBy('seq');
			expect(added.map((entry) => entry.mutationId)).toEqual(ids);
			for (const entry of added) {
				recorded.push({ mutationId: entry.mutationId, conversationId: id, step });
			}
			for (const mutation of mutations) {
				if (mutation.name === 'answer.set') {
					wrote(`${id}:answer:${mutation.args.questionId}`, mutation.args.answer);
					// A concern answer raises its flag in the same change, where no flag is raised
					// yet. Which that is depends on the order the server applies the changes in, so
					// an answer the device saw kept a flag it had raised may raise its own there.
					const raised = saved.flags[mutation.args.questionId];
					if (raised?.raisedBy === 'answer') {
						wrote(`${id}:flag:${mutation.args.questionId}`, raised);
					}
					const question = findQuestion(questionSetFor(), mutation.args.questionId);
					const option = question && findOption(question, mutation.args.answer.optionId);
					const ownFlag = option && flagRaisedByAnswer(option, undefined);
					if (ownFlag) wrote(`${id}:flag:${mutation.args.questionId}`, ownFlag);
				} else if (mutation.name === 'flag.set') {
					wrote(`${id}:flag:${mutation.args.questionId}`, mutation.args.flag);
				} else if (mutation.name === 'conversation.update') {
					for (const [field, value] of Object.entries(mutation.args.patch)) {
						wrote(`${id}:field:${field}`, value);
					}
				}
			}
		}

		function mutationFor(id: ConversationId, change: Edit): Mutation {
			counter += 1;
			switch (change.type) {
				case 'set': {
					const answer: Answer = {
						optionId: change.option,
						notes: change.unique ? `${change.notes} [${counter}]` : change.notes,
						evidence: change.evidence
					};
					const args = { conversationId: id, questionId: questionIdFrom(change.question), answer };
					return { name: 'answer.set', argsVersion: 2, args };
				}
				case 'clear':
					return {
						name: 'answer.clear',
						argsVersion: 2,
						args: { conversationId: id, questionId: questionIdFrom(change.question) }
					};
				case 'update': {
					const patch: ConversationPatch = {};
					patch[change.field] = `${change.field} [${counter}]`;
					return {
						name: 'conversation.update',
						argsVersion: 1,
						args: { conversationId: id, patch }
					};
				}
				case 'flag':
					return {
						name: 'flag.set',
						argsVersion: 1,
						args: {
							conversationId: id,
							questionId: questionIdFrom(change.question),
							flag: {
								severity: change.severity,
								reason: `Reason [${counter}]`,
								raisedBy: 'inspector',
								status: change.status,
								...(change.status === 'withdrawn'
									? { withdrawnReason: 'Resolved on the call' }
									: {})
							}
						}
					};
			}
		}

		function planFaults(target: TestDevice, plan: Delivery[]) {
			const queue = [...plan];
			target.faults = () => queue.shift() ?? 'deliver';
		}

		async function sync(target: TestDevice, pageSize: number) {
			const report = await runSyncCycle(target.db, target.transport, {
				userId: target.user.id,
				appVersion: 'test',
				pageSize,
				now: () => new RealDate(RealDate.now() + target.clockOffsetMs)
			});
			if (!report.ok) {
				stats.failedSyncs += 1;
				expect(report.failure.kind).toBe('unreachable');
			}
		}

		async function noteCompletions(step: number) {
			if (started.size === 0) return;
			const rows = await server.db
				.select({ id: conversations.id, status: conversations.status })
				.from(conversations)
				.where(inArray(conversations.id, [...started]));
			for (const row of rows) {
				if (row.status === 'completed' && !completedAtStep.has(row.id)) {
					completedAtStep.set(row.id, step);
				}
			}
		}

		for (const [step, next] of plan.commands.entries()) {
			// A command on several devices names them in its actions instead.
			const target = pick('device' in next ? next.device : 0);
			switch (next.do) {
				case 'start': {
					const id = idOf(next.slot);
					if (started.has(id)) break;
					await record(target, id, [startMutation({ conversationId: id })], step);
					started.add(id);
					break;
				}
				case 'edit':
					await record(target, idOf(next.slot), [mutationFor(idOf(next.slot), next.edit)], step);
					break;
				case 'offline':
					for (const change of next.edits) {
						await record(
							target,
							idOf(change.slot),
							[mutationFor(idOf(change.slot), change.edit)],
							step
						);
					}
					break;
				case 'complete': {
					const id = idOf(next.slot);
					await record(
						target,
						id,
						[
							...everythingAnswered(id),
							{
								name: 'conversation.update',
								argsVersion: 1,
								args: {
									conversationId: id,
									patch: { outcome: { decision: 'managing', reason: 'Checked on the call' } }
								}
							},
							{
								name: 'conversation.complete',
								argsVersion: 1,
								args: { conversationId: id, completedAt: new RealDate().toISOString() }
							}
						],
						step
					);
					break;
				}
				case 'sync':
					planFaults(target, next.faults);
					await sync(target, next.pageSize);
					target.faults = () => 'deliver';
					await noteCompletions(step);
					break;
				case 'together': {
					const planned = new Map<TestDevice, Delivery[]>();
					for (const each of next.actions) {
						if (!('sync' in each)) continue;
						const plan = planned.get(pick(each.device)) ?? [];
						planned.set(pick(each.device), [...plan, ...each.sync.faults]);
					}
					for (const [each, plan] of planned) planFaults(each, plan);
					await Promise.all(
						next.actions.map((each) =>
							'sync' in each
								? sync(pick(each.device), each.sync.pageSize)
								: record(
										pick(each.device),
										idOf(each.slot),
										[mutationFor(idOf(each.slot), each.edit)],
										step,
										false
									)
						)
					);
					for (const each of devices) each.faults = () => 'deliver';
					await noteCompletions(step);
					break;
				}
				case 'restart':
					await target.restart();
					break;
				case 'clock':
					target.clockOffsetMs = next.offsetMs;
					break;
			}
		}

		// Quiet: no faults; everyone uploads everything, then everyone downloads the last state.
		for (const each of devices) each.faults = () => 'deliver';
		for (const each of devices) await each.settle();
		for (const each of devices) expect((await each.sync()).ok).toBe(true);

		await expectInvariants(server, devices);

		// No device shows a value that nobody wrote.
		const defaults = emptyConversationFields();
		for (const each of devices) {
			for (const shown of await each.db.conversations.toArray()) {
				for (const [questionId, value] of Object.entries(shown.answers)) {
					const key = `${shown.id}:answer:${questionId}`;
					expect(written.get(key)?.has(canonical(value)), `${key} = ${canonical(value)}`).toBe(
						true
					);
				}
				for (const [questionId, value] of Object.entries(shown.flags)) {
					const key = `${shown.id}:flag:${questionId}`;
					expect(written.get(key)?.has(canonical(value)), `${key} = ${canonical(value)}`).toBe(
						true
					);
				}
				for (const field of Object.keys(defaults) as Array<keyof typeof defaults>) {
					const key = `${shown.id}:field:${field}`;
					const value = canonical(shown[field]);
					if (value === canonical(defaults[field])) continue;
					expect(written.get(key)?.has(value), `${key} = ${value}`).toBe(true);
				}
			}
		}

		// Refusals happen only for the reasons this scenario can cause, and a completed
		// conversation refuses every change recorded after the server completed it.
		const stored =
			recorded.length === 0
				? []
				: await server.db
						.select()
						.from(syncMutations)
						.where(
							inArray(
								syncMutations.mutationId,
								recorded.map((entry) => entry.mutationId)
							)
						);
		const outcomes = new Map(stored.map((row) => [row.mutationId, row] as const));
		for (const row of outcomes.values()) {
			const code = (row.result as { code?: string }).code;
			if (row.status === 'superseded') stats.superseded += 1;
			if (row.status !== 'rejected') continue;
			if (code === 'LOCKED') stats.locked += 1;
			const allowed = row.name === 'conversation.complete' ? ['LOCKED', 'INCOMPLETE'] : ['LOCKED'];
			expect(allowed, `${row.name} refused with ${code}`).toContain(code);
		}
		for (const entry of recorded) {
			const completed = completedAtStep.get(entry.conversationId);
			if (completed === undefined || entry.step <= completed) continue;
			const row = outcomes.get(entry.mutationId);
			expect(
				{ status: row?.status, code: (row?.result as { code?: string } | undefined)?.code },
				`${row?.name} recorded at step ${entry.step}, after completion at step ${completed}`
			).toEqual({ status: 'rejected', code: 'LOCKED' });
		}
		const finalRows = started.size
			? await server.db
					.select({ status: conversations.status })
					.from(conversations)
					.where(inArray(conversations.id, [...started]))
			: [];
		stats.completed += finalRows.filter((row) => row.status === 'completed').length;
		stats.runs += 1;
	} finally {
		globalThis.Date = RealDate;
		for (const each of devices) {
			each.db.close();
			await each.db.delete();
		}
	}
}

// ---------------------------------------------------------------------------------------------

/**
 * Defines the property test for every test database with `runs` runs. npm test splits its runs
 * over two files, which vitest runs side by side.
 */
export function propertySuite(part: string, runs: number) {
	describe.each(testDatabases())(
		`random sync interleavings on $name (${part})`,
		({ name, open }) => {
			let server: DatabaseHandle;
			const stats: Stats = {
				runs: 0,
				recorded: 0,
				refused: {},
				failedSyncs: 0,
				completed: 0,
				locked: 0,
				superseded: 0
			};

			beforeAll(async () => {
				server = await open();
			});
			afterAll(async () => {
				await server?.close();
				if (STATS) console.log(`sync property on ${name}:`, stats);
			});

			it(
				`keeps I1–I4 through ${runs} random schedules of edits, faults, restarts and clock jumps`,
				async () => {
					await fc.assert(
						fc.asyncProperty(scenario, async (plan) => {
							await run(server, plan, stats);
						}),
						{ numRuns: runs, seed: SEED, path: PATH }
					);
				},
				Math.max(300_000, runs * 3_000)
			);
		}
	);
}
