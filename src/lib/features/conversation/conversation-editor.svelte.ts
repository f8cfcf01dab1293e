import type { QuestionId } from '$lib/domain/ids';
import type { ConversationDb } from '$lib/client/db/db';
import { getConversation, listDrafts } from '$lib/client/db/conversations.repo';
import { LiveQuery } from '$lib/client/db/live.svelte';
import { recordChanges, type Recorded } from '$lib/client/db/record-changes';
import type { DraftRow, StoredConversation } from '$lib/client/db/tables';
import type { PlannedMutation, TypingJournal } from '$lib/client/db/typing-journal';
import type { Answer, ConversationPatch, Flag } from '$lib/domain/conversation/conversation.schema';
import { formPart } from '$lib/domain/conversation/form-parts';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { uuidv7 } from '$lib/domain/ids';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import type { ErrorLink } from '$lib/ui/error-summary';
import {
	FormDraft,
	type FieldNames,
	type FormHost,
	type FormPlan,
	type OpenForm
} from '../autosave/form-draft.svelte';
import { SaveTracker } from '../autosave/save-tracker.svelte';

type Staged = {
	mutations: PlannedMutation[];
	form: FormPlan['form'] | undefined;
	stagingId: string;
};

/**
 * One open conversation: what it holds now (following the database, so other tabs' and other
 * devices' changes show) and every change the inspector can make to it. A change is journaled
 * synchronously under a key naming the form it comes from, then recorded; it resolves once it
 * is on disk.
 */
export class ConversationEditor implements FormHost {
	readonly questionSet: QuestionSet;
	readonly saves = new SaveTracker();
	/** The problems that stopped the person moving on, for the page's error summary. */
	problems = $state<ErrorLink[]>([]);
	readonly #db: ConversationDb;
	readonly #journal: TypingJournal;
	readonly #live: LiveQuery<string, StoredConversation | undefined>;
	readonly #drafts: LiveQuery<string, DraftRow[]>;
	readonly #initialDrafts: DraftRow[];
	/** The newest copy this tab wrote; the live query may not have caught up with it yet. */
	#written = $state.raw<StoredConversation>() as StoredConversation;
	readonly #staged = new Map<string, Staged>();
	readonly #forms = new Set<OpenForm>();

	constructor(options: {
		db: ConversationDb;
		journal: TypingJournal;
		questionSet: QuestionSet;
		conversation: StoredConversation;
		drafts: DraftRow[];
	}) {
		this.#db = options.db;
		this.#journal = options.journal;
		this.questionSet = options.questionSet;
		this.#written = options.conversation;
		this.#initialDrafts = options.drafts;
		const id = options.conversation.id;
		this.#live = new LiveQuery(
			() => id,
			(key) => getConversation(options.db, key)
		);
		this.#drafts = new LiveQuery(
			() => id,
			(key) => listDrafts(options.db, key)
		);
	}

	/** The newest copy of the conversation, whichever tab or sync wrote it. */
	get conversation(): StoredConversation {
		const live = this.#live.current;
		const written = this.#written;
		return live && (live.revision ?? 0) >= (written.revision ?? 0) ? live : written;
	}

	get db(): ConversationDb {
		return this.#db;
	}

	get locked(): boolean {
		return this.conversation.status === 'completed';
	}

	/** What the forms of this conversation hold that its record does not, from any tab. */
	get drafts(): DraftRow[] {
		return this.#drafts.current ?? this.#initialDrafts;
	}

	draftFor(part: string): DraftRow | undefined {
		return this.drafts.find((row) => row.part === part);
	}

	/** A form over the part of the conversation `key` names (see form-parts.ts). */
	form<T>(
		key: string,
		build: (value: T, before: T) => Mutation[],
		names: { fields: FieldNames; unfinished?: ErrorLink; whileCompleted?: boolean }
	): FormDraft<T> {
		const part = formPart(key);
		if (!part) throw new Error(`No form edits "${key}"`);
		return new FormDraft<T>(this, { key, part: part as never, build, ...names });
	}

	hold(key: string, held: boolean): void {
		this.saves.hold(key, held);
	}

	register(form: OpenForm): () => void {
		this.#forms.add(form);
		return () => this.#forms.delete(form);
	}

	/** What stops the person moving on from this page now; empty when nothing does. */
	problemsNow(): ErrorLink[] {
		return [...this.#forms].flatMap((form) => form.problems());
	}

	/** Waits for every write, then lists what stops the person moving on. */
	async leaveProblems(): Promise<ErrorLink[]> {
		await Promise.all([...this.#forms].map((form) => form.settled()));
		return this.problemsNow();
	}

	/** The change for an answer; a newly chosen concern option raises its flag in applyMutation. */
	answerChanges(questionId: QuestionId, answer: Answer): Mutation[] {
		const conversationId = this.conversation.id;
		return [
			{
				name: 'answer.set',
				argsVersion: 2,
				args: { conversationId, questionId, answer }
			}
		];
	}

	flagChange(questionId: QuestionId, flag: Flag): Mutation {
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

	/** Records the changes a sub-form submits, clearing its draft in the same transaction. */
	async submit<T>(form: FormDraft<T>, mutations: Mutation[]): Promise<Recorded | undefined> {
		await form.settled();
		const empty = formPart(form.key)!.read(this.conversation);
		this.stage(form.key, {
			mutations,
			form: { part: form.key, expected: empty, screen: empty, conflicts: {} }
		});
		const recorded = await this.commit(form.key);
		if (recorded) form.submitted();
		return recorded;
	}

	/** Changes an answer a manager sent back; allowed after completion, with the inspector's reply. */
	amendChange(questionId: QuestionId, answer: Answer, returnId: string, reply: string): Mutation {
		const conversationId = this.conversation.id;
		return {
			name: 'answer.amend',
			argsVersion: 2,
			args: { conversationId, questionId, answer, returnId, reply }
		};
	}

	complete() {
		const args = { conversationId: this.conversation.id, completedAt: new Date().toISOString() };
		this.stage('complete', {
			mutations: [{ name: 'conversation.complete', argsVersion: 1, args }]
		});
		return this.commit('complete');
	}

	stage(key: string, plan: { mutations: Mutation[]; form?: FormPlan['form'] }): void {
		const { id, questionSet } = this.conversation;
		const staged: Staged = {
			mutations: plan.mutations.map((mutation) => ({ ...mutation, mutationId: uuidv7() })),
			form: plan.form,
			stagingId: uuidv7()
		};
		this.#staged.set(key, staged);
		this.#journal.put({
			key: `${id}:${key}`,
			conversationId: id,
			questionSet,
			...staged,
			stagedAt: Date.now()
		});
	}

	/** Records what is staged under `key`; resolves once it is on disk, undefined if it failed. */
	async commit(key: string): Promise<Recorded | undefined> {
		const staged = this.#staged.get(key);
		if (!staged) return { conversation: this.conversation, conflict: false };
		this.#staged.delete(key);
		const journalKey = `${this.conversation.id}:${key}`;
		const write = recordChanges(this.#db, {
			conversationId: this.conversation.id,
			questionSet: this.questionSet,
			changes: () => staged.mutations,
			form: staged.form
		});
		const recorded = await this.saves.track(key, write);
		// A refused change will never succeed, so it leaves the journal; its text stays on screen.
		const refused = await write.then(
			() => false,
			(error: unknown) => error instanceof DomainError
		);
		if (recorded || refused) this.#journal.remove(journalKey, staged.stagingId);
		if (recorded && (recorded.conversation.revision ?? 0) > (this.#written.revision ?? 0)) {
			this.#written = recorded.conversation;
		}
		return recorded;
	}
}
