/**
 * What the inspector has on screen in one form, kept apart from the stored conversation.
 *
 * - Every change is journaled at once and written to IndexedDB at once, one write in flight at a
 *   time: a change made while a write runs goes as soon as it ends, with the latest value. So a
 *   browser killed a moment after a keystroke loses nothing that was on screen before it.
 * - A field that breaks its limit is not recorded: the rest of the form is, and the field's text
 *   stays on screen and on the device as the form's draft, with the problem shown at the field.
 * - A change made elsewhere (another tab, another device through sync) shows at once where the
 *   person had not changed the field; where they had, it shows and their text is kept beside it
 *   for them to choose (`conflicts`). A write is always based on the value the form was showing.
 */
import { onDestroy, untrack } from 'svelte';
import type { Recorded } from '$lib/client/db/record-changes';
import type { DraftRow, StoredConversation } from '$lib/client/db/tables';
import type { FormPart } from '$lib/domain/conversation/form-parts';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import type { ErrorLink } from '$lib/ui/error-summary';
import {
	invalidPaths,
	maxLengthAt,
	recordablePart,
	reconcile,
	sameValue,
	writePath,
	type Path
} from '$lib/domain/forms/form-values';

/** Every form on the page, so a reload for an update waits for their writes. */
const forms = new Set<{ settled(): Promise<void> }>();

/** Resolves once every form on the page has written what it shows. */
export async function allFormsSettled(): Promise<void> {
	await Promise.all([...forms].map((form) => form.settled()));
}

export type FormPlan = {
	mutations: Mutation[];
	form: { part: string; expected: unknown; screen: unknown; conflicts: Record<Path, unknown> };
};

/** What a form needs from the conversation it edits. */
export type FormHost = {
	readonly conversation: StoredConversation;
	readonly locked: boolean;
	draftFor(part: string): DraftRow | undefined;
	/** Journals the plan synchronously; the latest plan per key wins. */
	stage(key: string, plan: FormPlan): void;
	/** Records what is staged under `key`; undefined when the write failed (the failure is shown). */
	commit(key: string): Promise<Recorded | undefined>;
	/** Whether the form holds something only as a draft, for the save status. */
	hold(key: string, held: boolean): void;
	register(form: OpenForm): () => void;
};

/** What the conversation needs to know of each open form before the person moves on. */
export type OpenForm = {
	problems(): ErrorLink[];
	settled(): Promise<void>;
};

/** Where a field of the form is on the page and what it is called, for the error summary. */
export type FieldNames = Record<Path, { id: string; label: string }>;

export type FormDraftOptions<T> = {
	key: string;
	part: FormPart<T>;
	/** The changes that record `value`, a value within every limit, over `before`. */
	build: (value: T, before: T) => Mutation[];
	fields: FieldNames;
	/** For a sub-form: what to tell a person who moves on while it holds something. */
	unfinished?: ErrorLink;
	/** For an amendment, the one change a completed conversation takes. */
	whileCompleted?: boolean;
};

export class FormDraft<T> {
	value: T = $state() as T;
	conflicts = $state<Record<Path, unknown>>({});
	readonly errors: Record<Path, string> = $derived.by(() =>
		invalidPaths(this.#part.schema, this.value)
	);
	readonly key: string;
	readonly #part: FormPart<T>;
	readonly #build: FormDraftOptions<T>['build'];
	readonly #options: FormDraftOptions<T>;
	readonly #host: FormHost;
	#base: T;
	#inFlight = false;
	#again = false;
	#waiting: Array<() => void> = [];

	constructor(host: FormHost, options: FormDraftOptions<T>) {
		this.#host = host;
		this.key = options.key;
		this.#part = options.part;
		this.#build = options.build;
		this.#options = options;
		const stored = this.#part.read(host.conversation);
		this.#base = stored;
		const row = host.draftFor(options.key);
		if (row) {
			const restored = reconcile({
				base: row.base as T,
				screen: row.screen as T,
				stored,
				conflicts: row.conflicts
			});
			this.value = restored.screen;
			this.conflicts = restored.conflicts;
		} else {
			this.value = structuredClone(stored);
		}
		const unregister = host.register(this);
		forms.add(this);
		onDestroy(() => {
			host.hold(this.key, false);
			unregister();
			forms.delete(this);
		});
		$effect(() => {
			const conversation = host.conversation;
			untrack(() => this.#reconcile(conversation));
		});
		// A draft restored from an earlier visit may hold changes that could not be recorded then.
		if (row) queueMicrotask(() => this.#plan().mutations.length > 0 && this.changed());
	}

	get #locked(): boolean {
		return this.#host.locked && !this.#options.whileCompleted;
	}

	snapshot(): T {
		return $state.snapshot(this.value) as T;
	}

	/** Whether the screen holds something the record does not. */
	get unsaved(): boolean {
		return (
			!sameValue(this.snapshot(), this.#part.read(this.#host.conversation)) ||
			Object.keys(this.conflicts).length > 0
		);
	}

	/** The longest text the field at `path` can hold, for its character count. */
	limit(path: Path): number | undefined {
		return maxLengthAt(this.#part.schema, path);
	}

	/** Why the person cannot move on yet: an unfinished sub-form, a field over its limit, a choice to make. */
	problems(): ErrorLink[] {
		if (this.#locked) return [];
		const { fields, unfinished } = this.#options;
		const at = (path: Path) => fields[path] ?? { id: this.key, label: 'This field' };
		const problems: ErrorLink[] = [];
		if (unfinished && this.unsaved) problems.push(unfinished);
		for (const [path, message] of Object.entries(this.errors)) {
			problems.push({ href: `#${at(path).id}`, message: `${at(path).label}: ${message}` });
		}
		for (const path of Object.keys(this.conflicts)) {
			problems.push({
				href: `#${at(path).id}`,
				message: `${at(path).label} changed elsewhere: choose which to keep`
			});
		}
		return problems;
	}

	/** For every change on screen: journals it now and writes it as soon as it can. */
	changed(): void {
		if (this.#locked) return;
		// A write in flight: journal the latest now, write it when that one ends. Idle: write now.
		if (this.#inFlight) this.#host.stage(this.key, this.#plan());
		void this.#pump();
	}

	/** Puts the form back to what is stored, as when a sub-form is cancelled. */
	reset(): void {
		this.value = structuredClone(this.#part.read(this.#host.conversation));
		this.conflicts = {};
		this.changed();
	}

	/** Shows what is stored again, once a sub-form's content was recorded with its draft cleared. */
	submitted(): void {
		this.value = structuredClone(this.#part.read(this.#host.conversation));
		this.conflicts = {};
	}

	/** The person's choice where a change made elsewhere met their own. */
	choose(path: Path, choice: 'mine' | 'current'): void {
		const { [path]: mine, ...rest } = this.conflicts;
		if (choice === 'mine') this.value = writePath(this.snapshot(), path, mine);
		this.conflicts = rest;
		this.changed();
	}

	/** Resolves once every change made so far is written (or has failed). */
	settled(): Promise<void> {
		if (!this.#inFlight) return Promise.resolve();
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	#plan(): FormPlan {
		const screen = this.snapshot();
		const recordable = recordablePart(screen, this.#base, invalidPaths(this.#part.schema, screen));
		const mutations = sameValue(recordable, this.#base) ? [] : this.#build(recordable, this.#base);
		const conflicts = $state.snapshot(this.conflicts) as Record<Path, unknown>;
		const form = { part: this.key, expected: this.#base, screen, conflicts };
		return { mutations, form };
	}

	async #pump(): Promise<void> {
		if (this.#inFlight) {
			this.#again = true;
			return;
		}
		this.#inFlight = true;
		try {
			do {
				this.#again = false;
				const plan = this.#plan();
				this.#host.stage(this.key, plan);
				const result = await this.#host.commit(this.key);
				if (result && !result.conflict) this.#base = this.#part.read(result.conversation);
			} while (this.#again);
		} finally {
			this.#inFlight = false;
			const held = Object.keys(this.errors).length + Object.keys(this.conflicts).length > 0;
			this.#host.hold(this.key, held && !this.#options.unfinished);
			for (const resolve of this.#waiting.splice(0)) resolve();
		}
		this.#reconcile(this.#host.conversation);
	}

	#reconcile(conversation: StoredConversation): void {
		if (this.#inFlight) return;
		const stored = this.#part.read(conversation);
		if (sameValue(stored, this.#base)) return;
		const before = $state.snapshot(this.conflicts) as Record<Path, unknown>;
		const next = reconcile({
			base: this.#base,
			screen: this.snapshot(),
			stored,
			conflicts: before
		});
		this.#base = stored;
		if (!sameValue(next.screen, this.snapshot())) this.value = next.screen;
		if (!sameValue(next.conflicts, before)) this.conflicts = next.conflicts;
		const plan = this.#plan();
		const draftChanged = !sameValue(next.conflicts, before);
		if (!this.#locked && (plan.mutations.length > 0 || draftChanged)) this.changed();
	}
}
