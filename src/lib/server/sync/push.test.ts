import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { uuidv7 } from '$lib/domain/ids';
import { allQuestions } from '$lib/domain/question-sets/question-sets';
import { PROTOCOL_VERSION, pushRequestSchema } from '$lib/domain/sync/sync-protocol.schema';
import { answer, questionSetFor, startMutation } from '$lib/testing/factories';
import type { DatabaseHandle } from '../db/database';
import { insertUser } from '../repos/users.repo';
import { testDatabases } from '../testing/databases';
import { pushChanges, type SyncUser } from './push';

const QUESTIONS = allQuestions(questionSetFor());

/** What a statement does to which table, e.g. "update conversations"; its values left out. */
function shape(statement: string): string {
	const sql = statement.toLowerCase();
	const verb = /^\s*(select|insert into|update|delete from)/.exec(sql)?.[1] ?? sql.slice(0, 20);
	const table =
		verb === 'select' ? /\bfrom "(\w+)"/.exec(sql)?.[1] : /^\s*[a-z ]+?"(\w+)"/.exec(sql)?.[1];
	return `${verb} ${table ?? ''}`.trim();
}

describe.each(testDatabases())('an upload on $name', ({ open }) => {
	let handle: DatabaseHandle;
	const statements: string[] = [];
	beforeAll(async () => {
		handle = await open({ logger: { logQuery: (query) => statements.push(query) } });
	});
	afterAll(() => handle.close());

	it('sends as many statements for 100 changes as for 10: one per table', async () => {
		const row = await insertUser(handle.db, {
			email: `statements-${uuidv7()}@example.test`,
			name: 'Statement counter',
			role: 'inspector',
			passwordHash: 'not-used'
		});
		const user: SyncUser = { id: row.id, teamId: null };
		const deviceId = uuidv7();
		let seq = 0;
		async function push(mutations: Mutation[]): Promise<string[]> {
			const request = pushRequestSchema.parse({
				protocol: PROTOCOL_VERSION,
				appVersion: 'test',
				userId: user.id,
				deviceId,
				sentAt: new Date().toISOString(),
				mutations: mutations.map((mutation) => ({
					seq: ++seq,
					mutationId: uuidv7(),
					clientTime: new Date().toISOString(),
					baseVersion: 0,
					...mutation
				}))
			});
			statements.length = 0;
			const outcome = await pushChanges(handle.db, user, request);
			if (!outcome.ok) throw new Error(outcome.message);
			expect(outcome.response.results.map((result) => result.status)).toEqual(
				mutations.map(() => 'applied')
			);
			return statements.map(shape);
		}
		const starts = [startMutation(), startMutation()];
		await push(starts);
		let edits = 0;
		const answerSets = (count: number): Mutation[] =>
			Array.from({ length: count }, () => {
				const i = edits++;
				const question = QUESTIONS[i % QUESTIONS.length]!;
				return {
					name: 'answer.set',
					argsVersion: 2,
					args: {
						conversationId: starts[i % 2]!.args.conversationId,
						questionId: question.id,
						answer: answer(question.options[0]!.id, `Note ${i}`)
					}
				};
			});

		const ten = await push(answerSets(10));
		const hundred = await push(answerSets(100));

		expect(hundred).toEqual(ten);
		expect(hundred.filter((statement) => statement === 'update conversations')).toHaveLength(1);
		for (const table of ['answers', 'answer_history', 'sync_mutations']) {
			expect(hundred.filter((statement) => statement === `insert into ${table}`)).toHaveLength(1);
		}
	});
});
