import type { ConversationDb } from '$lib/client/db/db';
import { getConversation } from '$lib/client/db/conversations.repo';
import { LiveQuery } from '$lib/client/db/live.svelte';
import { recordChanges } from '$lib/client/db/record-changes';
import type { StoredConversation } from '$lib/client/db/tables';
import type { TypingJournal } from '$lib/client/db/typing-journal';
import type { Answer, ConversationPatch, Flag } from '$lib/domain/conversation/conversation.schema';
import { mutationSchema, type Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { uuidv7 } from '$lib/domain/ids';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';
import { flagRaisedByAnswer } from '$lib/domain/risk/risk-rules';
import { Draft } from '../autosave/draft.svelte';
import { SaveTracker } from '../autosave/save-tracker.svelte';

/**
 * One open conversation: what it holds now (following the database, so other tabs' edits show)
 * and every change the inspector can make to it. A change is journaled synchronously under a key
 * naming the field it edits, then recorded; it resolves once it is on disk.
 */
export class ConversationEditor {
	readonly questionSet: QuestionSet;
	readonly saves = new SaveTracker();
	readonly #db: ConversationDb;
	readonly #journal: TypingJournal;
	readonly #initial: StoredConversation;
	readonly #live: LiveQuery<string, StoredConversation | undefined>;
	/** Draft values staged but not yet on disk, by key. */
	readonly #unwritten = new Map<string, unknown>();

	constructor(options: {
		db: ConversationDb;
		journal: TypingJournal;
		questionSet: QuestionSet;
		conversation: StoredConversation;
	}) {
		this.#db = options.db;
		this.#journal = options.journal;
		this.questionSet = options.questionSet;
		this.#initial = options.conversation;
		const id = options.conversation.id;
		this.#live = new LiveQuery(
			() => id,
			(key) => getConversation(options.db, key)
		);
	}

	get conversation(): StoredConversation {
		return this.#live.current ?? this.#initial;
	}

	get db(): ConversationDb {
		return this.#db;
	}

	get locked(): boolean {
		return this.conversation.status === 'completed';
	}

	/** A form draft whose every change becomes `build(value)` under `key`. */
	draft<T>(key: string, initial: T, build: (value: T) => Mutation[]): Draft<T> {
		return new Draft(initial, {
			stage: (value) => this.#stage(key, build(value)),
			commit: () => this.#commit(key)
		});
	}

	/** Saves the whole answer; a newly chosen concern option also raises a flag. */
	setAnswer(questionId: string, answer: Answer, options: { optionChanged: boolean }) {
		return this.#change(`answer:${questionId}`, this.answerChanges(questionId, answer, options));
	}

	answerChanges(
		questionId: string,
		answer: Answer,
		options: { optionChanged: boolean }
	): Mutation[] {
		const conversationId = this.conversation.id;
		const changes: Mutation[] = [
			{
				name: 'answer.set',
				argsVersion: 1,
				args: { conversationId, questionId, answer, baseVersion: 0 }
			}
		];
		const question = findQuestion(this.questionSet, questionId);
		const option = question && findOption(question, answer.optionId);
		const flag =
			options.optionChanged && option
				? flagRaisedByAnswer(option, this.conversation.flags[questionId])
				: null;
		if (flag) changes.push(this.flagChange(questionId, flag));
		return changes;
	}

	setFlag(questionId: string, flag: Flag) {
		return this.#change(`flag:${questionId}`, [this.flagChange(questionId, flag)]);
	}

	flagChange(questionId: string, flag: Flag): Mutation {
		return {
			name: 'flag.set',
			argsVersion: 1,
			args: { conversationId: this.conversation.id, questionId, flag }
		};
	}

	updateChange(patch: ConversationPatch): Mutation {
		return {
			name: 'conversation.update',
			argsVersion: 1,
			args: { conversationId: this.conversation.id, patch }
		};
	}

	/** Changes an answer a manager sent back; allowed after completion, with the inspector's reply. */
	amendAnswer(questionId: string, answer: Answer, returnId: string, reply: string) {
		const args = {
			conversationId: this.conversation.id,
			questionId,
			answer,
			baseVersion: 0,
			returnId,
			reply
		};
		return this.#change(`amend:${questionId}`, [{ name: 'answer.amend', argsVersion: 1, args }]);
	}

	complete() {
		const args = { conversationId: this.conversation.id, completedAt: new Date().toISOString() };
		return this.#change('complete', [{ name: 'conversation.complete', argsVersion: 1, args }]);
	}

	#change(key: string, mutations: Mutation[]) {
		return this.#stage(key, mutations) ? this.#commit(key) : Promise.resolve(undefined);
	}

	/** Journals the change; a change that breaks the contract is refused here, with its reason shown. */
	#stage(key: string, mutations: Mutation[]): boolean {
		if (mutations.length === 0) return false;
		for (const mutation of mutations) {
			const checked = mutationSchema.safeParse(mutation);
			if (!checked.success) {
				this.saves.fail(
					key,
					`${checked.error.issues[0]?.message ?? 'That change is not valid'}. Your text is still on the screen.`
				);
				return false;
			}
		}
		const { id, questionSet } = this.conversation;
		this.#journal.put({
			key: `${id}:${key}`,
			conversationId: id,
			questionSet,
			mutations: mutations.map((mutation) => ({ ...mutation, mutationId: uuidv7() })),
			stagedAt: Date.now()
		});
		return true;
	}

	/** Records what is journaled under `key`, if anything; resolves once it is on disk. */
	async #commit(key: string): Promise<StoredConversation | undefined> {
		const entry = this.#journal.get(`${this.conversation.id}:${key}`);
		if (!entry) return this.conversation;
		const firstId = entry.mutations[0]!.mutationId;
		const write = recordChanges(this.#db, {
			conversationId: entry.conversationId,
			questionSet: this.questionSet,
			changes: () => entry.mutations
		});
		const saved = await this.saves.track(key, write);
		// A refused change will never succeed, so it leaves the journal; its text stays on screen.
		const refused = await write.then(
			() => false,
			(error: unknown) => error instanceof DomainError
		);
		if (saved || refused) this.#journal.remove(entry.key, firstId);
		if (!this.#journal.get(entry.key)) this.#unwritten.delete(key);
		return saved;
	}
}
