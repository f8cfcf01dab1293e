import { questionIdFrom, type ConversationId } from '$lib/domain/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { answer, everythingAnswered, questionSetFor, startMutation } from '$lib/testing/factories';
import { ConversationDb } from './db';
import { readNextSeq } from './meta';
import { recordChanges } from './record-changes';
import { StorageFullError } from './save-errors';

const questionSet = questionSetFor();
let db: ConversationDb;
let conversationId: ConversationId;

const setAnswer = (questionId: string, optionId: string | null, notes = ''): Mutation => ({
	name: 'answer.set',
	argsVersion: 2,
	args: { conversationId, questionId: questionIdFrom(questionId), answer: answer(optionId, notes) }
});
const record = async (...mutations: Mutation[]) =>
	(await recordChanges(db, { conversationId, questionSet, changes: () => mutations })).conversation;
const snapshot = async () => ({
	conversation: await db.conversations.get(conversationId),
	outbox: await db.outbox.toArray(),
	nextSeq: await readNextSeq(db)
});

beforeEach(async () => {
	db = new ConversationDb(`test-${crypto.randomUUID()}`);
	await db.open();
	const start = startMutation();
	conversationId = start.args.conversationId;
	await record(start);
});
afterEach(async () => {
	await db.delete();
});

describe('recordChanges', () => {
	it('writes the change to the conversation and the outbox together, with the next sequence number', async () => {
		const saved = await record(setAnswer('1.1', 'yes', 'Weekly IPC audits'));
		const { conversation, outbox, nextSeq } = await snapshot();
		expect(saved.answers['1.1']).toEqual(answer('yes', 'Weekly IPC audits'));
		expect(conversation).toEqual(saved);
		expect(outbox.map((entry) => [entry.seq, entry.name, entry.state])).toEqual([
			[1, 'conversation.start', 'pending'],
			[2, 'answer.set', 'pending']
		]);
		expect(outbox[1]).toMatchObject({
			conversationId,
			argsVersion: 2,
			baseVersion: 0,
			attempts: 0,
			args: { questionId: '1.1' }
		});
		expect(outbox[1]!.args).not.toHaveProperty('baseVersion');
		expect(outbox[0]).not.toHaveProperty('baseVersion');
		expect(nextSeq).toBe(3);
	});

	it('puts in the envelope the version of the answer the server last sent, for answer changes only', async () => {
		const shown = (await db.conversations.get(conversationId))!;
		await db.serverConversations.put({
			...shown,
			version: 12,
			answerVersions: { '1.1': 7 },
			conflicts: []
		});
		await record(setAnswer('1.1', 'yes'), setAnswer('1.2', 'no'));
		const outbox = await db.outbox.toArray();
		expect(outbox.slice(1).map((entry) => [entry.name, entry.baseVersion])).toEqual([
			['answer.set', 7],
			['answer.set', 0]
			// The concern answer raises its flag within the same change: nothing else is queued.
		]);
	});

	it('keeps sequence numbers gapless and in order when many changes race', async () => {
		await Promise.all(
			Array.from({ length: 40 }, (_, index) => record(setAnswer('1.1', 'yes', `note ${index}`)))
		);
		const { conversation, outbox, nextSeq } = await snapshot();
		expect(outbox.map((entry) => entry.seq)).toEqual(
			Array.from({ length: 41 }, (_, index) => index + 1)
		);
		expect(new Set(outbox.map((entry) => entry.mutationId)).size).toBe(41);
		expect(nextSeq).toBe(42);
		// The view holds the last change made, which is also the last in the outbox.
		const last = outbox.at(-1)!;
		expect(last.name === 'answer.set' && last.args.answer.notes).toBe('note 39');
		expect(conversation?.answers['1.1']?.notes).toBe('note 39');
	});

	it('writes nothing when any change in a batch is refused', async () => {
		const before = await snapshot();
		const refused = record(setAnswer('1.1', 'yes'), setAnswer('1.2', 'not-an-option'));
		await expect(refused).rejects.toMatchObject({ code: 'INVALID_OPTION' });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses content that breaks the contract with a plain message, writing nothing', async () => {
		const before = await snapshot();
		const refused = record(setAnswer('1.1', 'yes', 'x'.repeat(20_001)));
		await expect(refused).rejects.toThrow(
			new DomainError('INVALID_ARGS', 'Keep this under 20,000 characters')
		);
		expect(await snapshot()).toEqual(before);
	});

	it('refuses changes to a completed conversation', async () => {
		await record(...everythingAnswered(conversationId));
		await record({
			name: 'conversation.complete',
			argsVersion: 1,
			args: { conversationId, completedAt: new Date().toISOString() }
		});
		const before = await snapshot();
		await expect(record(setAnswer('1.1', 'no'))).rejects.toMatchObject({ code: 'LOCKED' });
		expect(await snapshot()).toEqual(before);
	});

	it('reports a full disk as StorageFullError and leaves no partial write', async () => {
		const before = await snapshot();
		db.outbox.hook('creating', () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const refused = record(setAnswer('1.1', 'yes', 'typed while the disk was full'));
		await expect(refused).rejects.toBeInstanceOf(StorageFullError);
		await expect(refused).rejects.toThrow(/run out of storage space/);
		expect(await snapshot()).toEqual(before);
	});

	describe('a change from a form', () => {
		const form = (expected: unknown, screen: unknown) => ({
			part: 'answer:1.1',
			expected,
			screen,
			conflicts: {}
		});
		const fromForm = (expected: unknown, screen: unknown, ...mutations: Mutation[]) =>
			recordChanges(db, {
				conversationId,
				questionSet,
				changes: () => mutations,
				form: form(expected, screen)
			});
		const empty = answer(null);

		it('is recorded when the part is as the form last saw it, and leaves no draft when all of it is recorded', async () => {
			const result = await fromForm(empty, answer('yes', 'ok'), setAnswer('1.1', 'yes', 'ok'));
			expect(result.conflict).toBe(false);
			expect(result.conversation.answers['1.1']).toEqual(answer('yes', 'ok'));
			expect(await db.drafts.count()).toBe(0);
		});

		it('keeps what the record cannot hold as the draft, written with the change', async () => {
			const tooLong = answer('no', 'x'.repeat(20_001));
			await fromForm(empty, tooLong, setAnswer('1.1', 'no'));
			const [draft] = await db.drafts.toArray();
			expect(draft).toMatchObject({ part: 'answer:1.1', screen: tooLong, base: answer('no') });
			expect((await db.conversations.get(conversationId))?.answers['1.1']).toEqual(answer('no'));
		});

		it('records nothing when the part changed elsewhere, keeping the screen as the draft', async () => {
			await record(setAnswer('1.1', 'yes', 'from another tab'));
			const before = await snapshot();
			const result = await fromForm(empty, answer('yes', 'mine'), setAnswer('1.1', 'yes', 'mine'));
			expect(result.conflict).toBe(true);
			expect(await snapshot()).toEqual(before);
			const [draft] = await db.drafts.toArray();
			expect(draft).toMatchObject({ screen: answer('yes', 'mine'), base: empty });
		});

		it('counts every write of the conversation, so no tab takes an older copy for a newer one', async () => {
			const first = await record(setAnswer('1.1', 'yes'));
			const second = await record(setAnswer('1.1', 'no'));
			expect(second.revision).toBe((first.revision ?? 0) + 1);
		});
	});
});
