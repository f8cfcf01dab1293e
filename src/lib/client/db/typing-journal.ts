/**
 * A synchronous safety net for what the inspector is typing. IndexedDB writes are asynchronous,
 * so a reload or a closed tab can cut off the save of the last few keystrokes. Every change is
 * first put here, in localStorage, which is written before the call returns; the entry goes once
 * its IndexedDB transaction committed, and anything left over is replayed when the app opens.
 *
 * Entries carry the mutation ids they will be recorded with, so a replay can tell whether the
 * original write committed after all and never records a change twice.
 */
import { z } from 'zod';
import { mutationSchema } from '$lib/domain/conversation/mutation.schema';
import { questionSetRefSchema } from '$lib/domain/question-sets/question-set.schema';

export const plannedMutationSchema = z.intersection(
	mutationSchema,
	z.object({ mutationId: z.uuid() })
);
export type PlannedMutation = z.infer<typeof plannedMutationSchema>;

const journalEntrySchema = z.object({
	key: z.string(),
	conversationId: z.uuid(),
	questionSet: questionSetRefSchema,
	mutations: z.array(plannedMutationSchema).min(1),
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

	entries(): JournalEntry[] {
		let stored: unknown;
		try {
			stored = JSON.parse(this.#storage?.getItem(this.#storageKey) ?? '[]');
		} catch {
			return [];
		}
		// One damaged entry must not hide the others.
		return (Array.isArray(stored) ? stored : []).flatMap((item) => {
			const parsed = journalEntrySchema.safeParse(item);
			return parsed.success ? [parsed.data] : [];
		});
	}

	/** Replaces the entry with the same key: only the latest state of a field matters. */
	put(entry: JournalEntry): void {
		this.#write([...this.entries().filter((existing) => existing.key !== entry.key), entry]);
	}

	/** Removes the entry only if it still holds these mutations, not a newer edit of the field. */
	remove(key: string, firstMutationId: string): void {
		const entries = this.entries();
		const kept = entries.filter(
			(entry) => !(entry.key === key && entry.mutations[0]?.mutationId === firstMutationId)
		);
		if (kept.length !== entries.length) this.#write(kept);
	}

	get(key: string): JournalEntry | undefined {
		return this.entries().find((entry) => entry.key === key);
	}

	#write(entries: JournalEntry[]): void {
		try {
			if (entries.length === 0) this.#storage?.removeItem(this.#storageKey);
			else this.#storage?.setItem(this.#storageKey, JSON.stringify(entries));
		} catch {
			// A full localStorage only loses the safety net; the IndexedDB write still runs.
		}
	}
}
