/**
 * A synchronous safety net for what the inspector is typing. IndexedDB writes are asynchronous,
 * so a closed tab can cut off the write of the last keystroke. Every change is first put here,
 * in localStorage, which is written before the call returns; the entry goes once its IndexedDB
 * transaction committed, and anything left over is replayed when the app opens. (localStorage
 * reaches the disk lazily, so it does not survive the browser being killed: the write to
 * IndexedDB, started at every keystroke, is what does.)
 *
 * Entries carry the mutation ids they will be recorded with, so a replay can tell whether the
 * original write committed after all and never records a change twice, and the form's value
 * with what it last saw stored, so a replay never overwrites a change made elsewhere meanwhile.
 */
import { conversationIdSchema } from '$lib/domain/ids';
import { z } from 'zod';
import { mutationSchema } from '$lib/domain/conversation/mutation.schema';
import { upgradeChange, type ChangeInAnyShape } from '$lib/domain/conversation/mutation-upgrades';
import { questionSetRefSchema } from '$lib/domain/question-sets/question-set.schema';

// An entry an older app wrote holds its changes in their older shape.
export const plannedMutationSchema = z.preprocess(
	(value) => (isChange(value) ? upgradeChange(value) : value),
	z.intersection(mutationSchema, z.object({ mutationId: z.uuid() }))
);

function isChange(value: unknown): value is ChangeInAnyShape {
	const change = value as Partial<ChangeInAnyShape> | null;
	return (
		typeof change?.name === 'string' &&
		typeof change.argsVersion === 'number' &&
		typeof change.args === 'object' &&
		change.args !== null
	);
}
export type PlannedMutation = z.infer<typeof plannedMutationSchema>;

const journalEntrySchema = z.object({
	key: z.string(),
	conversationId: conversationIdSchema,
	questionSet: questionSetRefSchema,
	mutations: z.array(plannedMutationSchema),
	form: z
		.object({
			part: z.string(),
			expected: z.unknown(),
			screen: z.unknown(),
			conflicts: z.record(z.string(), z.unknown())
		})
		.optional(),
	/** Tells one staging of a field from the next. */
	stagingId: z.string(),
	stagedAt: z.number()
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

const storageKey = (databaseName: string) => `esf-typing-journal:${databaseName}`;

export class TypingJournal {
	readonly #storageKey: string;
	readonly #storage: Storage | undefined;

	constructor(databaseName: string, storage: Storage | undefined = globalThis.localStorage) {
		this.#storageKey = storageKey(databaseName);
		this.#storage = storage;
	}

	/** Every entry that is whole, checked: for a replay. */
	entries(): JournalEntry[] {
		// One damaged entry must not hide the others.
		return this.#read().flatMap((item) => {
			const parsed = journalEntrySchema.safeParse(item);
			return parsed.success ? [parsed.data] : [];
		});
	}

	/** Replaces the entry with the same key: only the latest state of a field matters. */
	put(entry: JournalEntry): void {
		this.#write([...this.#read().filter((existing) => existing.key !== entry.key), entry]);
	}

	/** Removes the entry only if it is still this staging, not a newer edit of the field. */
	remove(key: string, stagingId: string): void {
		const entries = this.#read();
		const kept = entries.filter((entry) => !(entry.key === key && entry.stagingId === stagingId));
		if (kept.length !== entries.length) this.#write(kept);
	}

	/** Other tabs write the same journal, so it is read from storage every time. */
	#read(): Array<Partial<JournalEntry>> {
		try {
			const stored: unknown = JSON.parse(this.#storage?.getItem(this.#storageKey) ?? '[]');
			return Array.isArray(stored) ? stored : [];
		} catch {
			return [];
		}
	}

	#write(entries: Array<Partial<JournalEntry>>): void {
		try {
			if (entries.length === 0) this.#storage?.removeItem(this.#storageKey);
			else this.#storage?.setItem(this.#storageKey, JSON.stringify(entries));
		} catch {
			// A full localStorage only loses the safety net; the IndexedDB write still runs.
		}
	}
}
