import { conversationIdFrom } from '$lib/domain/ids';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	emptyConversationFields,
	type Answer,
	type Conversation,
	type Evidence,
	type Flag
} from '$lib/domain/conversation/conversation.schema';
import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import { allQuestions } from '$lib/domain/question-sets/question-sets';
import type { Database, DatabaseHandle } from '../db/database';
import { insertUser } from '../repos/users.repo';
import { testDatabases } from '../testing/databases';
import { fromRows, toRows, type StoredConversation } from './rows';
import { load, save } from './store';

const SEED = 20_261_202;
const EVIDENCE: Evidence[][] = [
	[],
	['screen-share'],
	['email'],
	['screen-share', 'email'],
	['none']
];
/** Text either database stores: no NUL, no half of a surrogate pair. */
const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
const moment = fc
	.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
	.map((date) => date.toISOString());
const stamp = fc.record({
	version: fc.integer({ min: 1, max: 2 ** 40 }),
	writtenAt: moment.map((at) => new Date(at)),
	deviceId: fc.uuid(),
	mutationId: fc.uuid(),
	recordedAt: moment.map((at) => new Date(at))
});
const flag: fc.Arbitrary<Flag> = fc
	.record({
		severity: fc.constantFrom('low', 'medium', 'high'),
		reason: text.map((s) => `Reason ${s.trim()}`.trim()),
		raisedBy: fc.constantFrom('answer', 'inspector'),
		withdrawn: fc.boolean()
	})
	.map(({ withdrawn, ...rest }) =>
		withdrawn
			? { ...rest, status: 'withdrawn' as const, withdrawnReason: 'Resolved on the call' }
			: { ...rest, status: 'raised' as const }
	);

function storedConversation(ownerId: string): fc.Arbitrary<StoredConversation> {
	return fc.constantFrom(...BUNDLED_QUESTION_SETS).chain((set) => {
		const questions = allQuestions(set);
		const location = DEMO_DIRECTORY.find((l) => l.sector === set.sector)!;
		const perQuestion = fc.array(
			fc.record({
				question: fc.constantFrom(...questions),
				answered: fc.boolean(),
				option: fc.nat(),
				notes: text,
				evidence: fc.constantFrom(...EVIDENCE),
				stamp,
				flag: fc.option(flag, { nil: undefined }),
				flagStamp: fc.record({
					version: fc.integer({ min: 1, max: 2 ** 40 }),
					raisedAt: moment.map((at) => new Date(at)),
					updatedAt: moment.map((at) => new Date(at))
				})
			}),
			{ maxLength: 8 }
		);
		return fc
			.record({
				id: fc.uuid({ version: 7 }).map(conversationIdFrom),
				completedAt: fc.option(moment, { nil: null }),
				startedAt: moment,
				updatedAt: moment,
				version: fc.integer({ min: 1, max: 2 ** 40 }),
				notes: text,
				callNotes: fc.option(text, { nil: undefined }),
				urgent: fc.constantFrom(null, true, false),
				decision: fc.constantFrom(null, 'managing', 'needs-support'),
				listed: fc.boolean(),
				perQuestion
			})
			.map((picked) => {
				const answers: Record<string, Answer> = {};
				const flags: Record<string, Flag> = {};
				const answerStamps: StoredConversation['answers'] = {};
				const flagStamps: StoredConversation['flags'] = {};
				for (const item of picked.perQuestion) {
					const { id, options } = item.question;
					if (item.answered) {
						const option = item.option % (options.length + 1);
						answers[id] = {
							optionId: option === options.length ? null : options[option]!.id,
							notes: item.notes,
							evidence: item.evidence
						};
					} else {
						delete answers[id];
					}
					answerStamps[id] = item.stamp;
					if (item.flag) {
						flags[id] = item.flag;
						flagStamps[id] = item.flagStamp;
					}
				}
				const fields = emptyConversationFields();
				fields.goodPractice = picked.notes;
				if (picked.callNotes !== undefined) fields.callNotes = picked.callNotes;
				fields.escalation.urgent = picked.urgent;
				fields.outcome.decision = picked.decision;
				const conversation: Conversation = {
					id: picked.id,
					status: picked.completedAt ? 'completed' : 'draft',
					location,
					questionSet: { id: set.id, version: set.version },
					startedAt: picked.startedAt,
					updatedAt: picked.updatedAt,
					completedAt: picked.completedAt,
					...fields,
					answers,
					flags
				};
				return {
					conversation,
					ownerId,
					teamId: null,
					locationListed: picked.listed,
					version: picked.version,
					answers: answerStamps,
					flags: flagStamps
				};
			});
	});
}

const OWNER = '01900000-0000-7000-8000-000000000001';

describe('conversation rows', () => {
	it('turn back into the same conversation (fromRows after toRows)', () => {
		fc.assert(
			fc.property(storedConversation(OWNER), (stored) => {
				expect(fromRows(toRows(stored))).toEqual(stored);
			}),
			{ numRuns: 300, seed: SEED }
		);
	});
});

describe.each(testDatabases())('the conversation store on $name', ({ open }) => {
	let server: DatabaseHandle;
	let ownerId: string;
	beforeAll(async () => {
		server = await open();
		const owner = await insertUser(server.db, {
			email: `owner-${crypto.randomUUID()}@example.test`,
			name: 'Owner',
			role: 'inspector',
			passwordHash: 'not-used'
		});
		ownerId = owner.id;
	});
	afterAll(() => server.close());

	it('loads a saved conversation exactly as it was saved', async () => {
		await fc.assert(
			fc.asyncProperty(storedConversation(ownerId), async (stored) => {
				const loaded = await server.db.transaction(async (transaction) => {
					const tx = transaction as unknown as Database;
					await save(tx, new Map(), new Map([[stored.conversation.id, stored]]), []);
					return load(tx, [stored.conversation.id]);
				});
				expect(loaded.get(stored.conversation.id)).toEqual(stored);
			}),
			{ numRuns: 40, seed: SEED }
		);
	});
});
