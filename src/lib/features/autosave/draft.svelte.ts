import { onDestroy } from 'svelte';
import { DebouncedSave } from './debounced-save';

/** How a draft reaches the device: `stage` journals a value at once, `commit` writes it to disk. */
export type DraftStore<T> = {
	stage: (value: T) => void;
	commit: () => Promise<unknown>;
};

/**
 * What the inspector is typing into a form, kept apart from the stored copy so that a save landing
 * mid-keystroke never rewrites the field under their cursor. Every change is journaled at once and
 * written to IndexedDB shortly after typing stops. Create it while a component initialises:
 * anything still waiting is written when the component goes away.
 */
export class Draft<T> {
	value: T = $state() as T;
	readonly #store: DraftStore<T>;
	readonly #debounced: DebouncedSave;

	constructor(initial: T, store: DraftStore<T>, delayMs?: number) {
		this.value = structuredClone(initial);
		this.#store = store;
		this.#debounced = new DebouncedSave(() => this.#store.commit(), delayMs);
		onDestroy(() => void this.#debounced.flush());
	}

	snapshot(): T {
		return $state.snapshot(this.value) as T;
	}

	/** For typing: journals now, writes shortly after the last change. */
	changed(): void {
		this.#store.stage(this.snapshot());
		this.#debounced.schedule();
	}

	/** For choices such as checkboxes: writes at once, including any text still waiting. */
	saveNow(): Promise<unknown> {
		this.#debounced.cancel();
		this.#store.stage(this.snapshot());
		return this.#store.commit();
	}

	flush(): Promise<void> {
		return this.#debounced.flush();
	}
}
