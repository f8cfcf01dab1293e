import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { questionIdFrom, uuidv7, type ConversationId } from '$lib/domain/ids';
import { answer, everythingAnswered, questionSetFor, startMutation } from '$lib/testing/factories';
import { MemoryStorage } from '$lib/testing/memory-storage';
import { ConversationDb } from './db';
import { recordChanges } from './record-changes';
import { seedReferenceData } from './reference.repo';
import { replayTypingJournal } from './replay-journal';
import { TypingJournal, type JournalEntry } from './typing-journal';

const questionSet = questionSetFor();
let db: ConversationDb;
let journal: TypingJournal;
let storage: MemoryStorage;
let conversationId: ConversationId;

const notesEntry = (notes: string, key = 'answer:1.1'): JournalEntry => {
	const mutation: Mutation = {
		name: 'answer.set',
		argsVersion: 2,
		args: { conversationId, questionId: questionIdFrom('1.1'), answer: answer('yes', notes) }
	};
	return {
		key: `${conversationId}:${key}`,
		conversationId,
		questionSet: { id: questionSet.id, version: questionSet.version },
		mutations: [{ ...mutation, mutationId: uuidv7() }],
		stagingId: uuidv7(),
		stagedAt: Date.now()
	};
};

beforeEach(async () => {
	db = new ConversationDb(`test-${crypto.randomUUID()}`);
	storage = new MemoryStorage();
	journal = new TypingJournal(db.name, storage);
	await seedReferenceData(db);
	const start = startMutation();
	conversationId = start.args.conversationId;
	await recordChanges(db, { conversationId, questionSet, changes: () => [start] });
});
afterEach(() => db.delete());

describe('typing journal', () => {
	it('keeps only the latest entry per field, and removes it only for the mutations it holds', () => {
		const first = notesEntry('Half a sen');
		const second = notesEntry('Half a sentence typed');
		journal.put(first);
		journal.put(second);
		expect(journal.entries()).toEqual([second]);
		journal.remove(second.key, first.stagingId);
		expect(journal.entries()).toEqual([second]);
		journal.remove(second.key, second.stagingId);
		expect(journal.entries()).toEqual([]);
	});

	it('survives a damaged entry without hiding the good ones', () => {
		const good = notesEntry('kept');
		storage.setItem(`esf-typing-journal:${db.name}`, JSON.stringify([{ key: 'broken' }, good]));
		expect(journal.entries()).toEqual([good]);
	});

	it('replays what a closed tab did not save, exactly once', async () => {
		journal.put(notesEntry('Typed just before the tab closed'));
		expect(await replayTypingJournal(db, journal)).toBe(1);
		expect((await db.conversations.get(conversationId))?.answers['1.1']?.notes).toBe(
			'Typed just before the tab closed'
		);
		expect(journal.entries()).toEqual([]);
		expect(await db.outbox.count()).toBe(2);
	});

	it('replays an entry an older app wrote, its answer change in the shape of argsVersion 1', async () => {
		const entry = notesEntry('Typed before the app was updated');
		const [change] = entry.mutations;
		const older = {
			...entry,
			mutations: [{ ...change, argsVersion: 1, args: { ...change!.args, baseVersion: 0 } }]
		};
		storage.setItem(`esf-typing-journal:${db.name}`, JSON.stringify([older]));
		expect(await replayTypingJournal(db, journal)).toBe(1);
		expect((await db.conversations.get(conversationId))?.answers['1.1']?.notes).toBe(
			'Typed before the app was updated'
		);
		const queued = (await db.outbox.orderBy('seq').last())!;
		expect(queued).toMatchObject({
			argsVersion: 2,
			baseVersion: 0,
			mutationId: change!.mutationId
		});
		expect(queued.args).not.toHaveProperty('baseVersion');
	});

	it('does not record again a change whose write committed before the journal was cleared', async () => {
		const entry = notesEntry('Saved, but the page died before tidying up');
		journal.put(entry);
		await recordChanges(db, { conversationId, questionSet, changes: () => entry.mutations });
		await replayTypingJournal(db, journal);
		expect(await db.outbox.count()).toBe(2);
		expect(journal.entries()).toEqual([]);
	});

	it('drops a change the conversation can no longer take, keeping the others', async () => {
		const broken = notesEntry('x'.repeat(20_001), 'answer:1.1');
		const fine = notesEntry('fine', 'answer:1.2');
		fine.mutations[0] = {
			...fine.mutations[0]!,
			args: { ...(fine.mutations[0]!.args as object), questionId: questionIdFrom('1.2') }
		} as (typeof fine.mutations)[0];
		journal.put(broken);
		journal.put(fine);
		expect(await replayTypingJournal(db, journal)).toBe(1);
		expect(journal.entries()).toEqual([]);
		expect(Object.keys((await db.conversations.get(conversationId))!.answers)).toEqual(['1.2']);
	});

	it('keeps what was typed as a draft when the change can no longer be recorded', async () => {
		const typed = answer('yes', 'typed as the conversation was completed in another tab');
		const entry = {
			...notesEntry(typed.notes),
			form: { part: 'answer:1.1', expected: answer(null), screen: typed, conflicts: {} }
		};
		journal.put(entry);
		await recordChanges(db, {
			conversationId,
			questionSet,
			changes: () => [
				...everythingAnswered(conversationId),
				{
					name: 'conversation.complete',
					argsVersion: 1,
					args: { conversationId, completedAt: new Date().toISOString() }
				}
			]
		});
		await replayTypingJournal(db, journal);
		expect(journal.entries()).toEqual([]);
		const [draft] = await db.drafts.toArray();
		expect(draft?.screen).toEqual(typed);
	});

	it('never records over a change made elsewhere after the typing was journaled', async () => {
		const entry = {
			...notesEntry('typed in the closed tab'),
			form: {
				part: 'answer:1.1',
				expected: answer(null),
				screen: answer('yes', 'typed in the closed tab'),
				conflicts: {}
			}
		};
		journal.put(entry);
		await recordChanges(db, {
			conversationId,
			questionSet,
			changes: () => [
				{
					name: 'answer.set',
					argsVersion: 2,
					args: {
						conversationId,
						questionId: questionIdFrom('1.1'),
						answer: answer('no', 'from another tab')
					}
				}
			]
		});
		await replayTypingJournal(db, journal);
		expect((await db.conversations.get(conversationId))?.answers['1.1']).toEqual(
			answer('no', 'from another tab')
		);
		const [draft] = await db.drafts.toArray();
		expect(draft).toMatchObject({
			screen: answer('yes', 'typed in the closed tab'),
			base: answer(null)
		});
	});
});
