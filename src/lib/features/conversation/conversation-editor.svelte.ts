import type { ConversationDb } from '$lib/client/db/db';
import { getConversation } from '$lib/client/db/conversations.repo';
import { LiveQuery } from '$lib/client/db/live.svelte';
import { recordChanges } from '$lib/client/db/record-changes';
import type { StoredConversation } from '$lib/client/db/tables';
import type { Answer, ConversationPatch, Flag } from '$lib/domain/conversation/conversation.schema';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';
import { flagRaisedByAnswer } from '$lib/domain/risk/risk-rules';
import { SaveTracker } from '../autosave/save-tracker.svelte';

/**
 * One open conversation: what it holds now (following the database, so other tabs' edits show)
 * and every change the inspector can make to it. Each change resolves once it is on disk.
 */
export class ConversationEditor {
	readonly questionSet: QuestionSet;
	readonly saves = new SaveTracker();
	readonly #db: ConversationDb;
	readonly #initial: StoredConversation;
	readonly #live: LiveQuery<string, StoredConversation | undefined>;

	constructor(options: { db: ConversationDb; questionSet: QuestionSet; conversation: StoredConversation }) {
		this.#db = options.db;
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

	get locked(): boolean {
		return this.conversation.status === 'completed';
	}

	/** Saves the whole answer; a newly chosen concern option also raises a flag. */
	setAnswer(questionId: string, answer: Answer, options: { optionChanged: boolean }) {
		const conversationId = this.conversation.id;
		const question = findQuestion(this.questionSet, questionId);
		return this.#record((current) => {
			const changes: Mutation[] = [
				{ name: 'answer.set', argsVersion: 1, args: { conversationId, questionId, answer, baseVersion: 0 } }
			];
			const option = question && findOption(question, answer.optionId);
			const flag = options.optionChanged && option ? flagRaisedByAnswer(option, current?.flags[questionId]) : null;
			if (flag) changes.push({ name: 'flag.set', argsVersion: 1, args: { conversationId, questionId, flag } });
			return changes;
		});
	}

	clearAnswer(questionId: string) {
		const conversationId = this.conversation.id;
		return this.#record(() => [{ name: 'answer.clear', argsVersion: 1, args: { conversationId, questionId, baseVersion: 0 } }]);
	}

	setFlag(questionId: string, flag: Flag) {
		const conversationId = this.conversation.id;
		return this.#record(() => [{ name: 'flag.set', argsVersion: 1, args: { conversationId, questionId, flag } }]);
	}

	update(patch: ConversationPatch) {
		const conversationId = this.conversation.id;
		return this.#record(() => [{ name: 'conversation.update', argsVersion: 1, args: { conversationId, patch } }]);
	}

	complete() {
		const conversationId = this.conversation.id;
		const completedAt = new Date().toISOString();
		return this.#record(() => [{ name: 'conversation.complete', argsVersion: 1, args: { conversationId, completedAt } }]);
	}

	#record(changes: (current: StoredConversation | undefined) => Mutation[]) {
		return this.saves.track(
			recordChanges(this.#db, { conversationId: this.conversation.id, questionSet: this.questionSet, changes })
		);
	}
}
