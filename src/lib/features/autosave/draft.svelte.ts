import { onDestroy } from 'svelte';
import { DebouncedSave } from './debounced-save';

/**
 * What the inspector is typing into a form, kept apart from the stored copy so that a save landing
 * mid-keystroke never rewrites the field under their cursor. Create it while a component
 * initialises: anything still waiting is saved when the component goes away.
 */
export class Draft<T> {
	value: T = $state() as T;
	readonly #save: (value: T) => Promise<unknown>;
	readonly #debounced: DebouncedSave;

	constructor(initial: T, save: (value: T) => Promise<unknown>, delayMs?: number) {
		this.value = structuredClone(initial);
		this.#save = save;
		this.#debounced = new DebouncedSave(() => this.#save(this.snapshot()), delayMs);
		onDestroy(() => void this.#debounced.flush());
	}

	snapshot(): T {
		return $state.snapshot(this.value) as T;
	}

	/** For typing: saves shortly after the last change. */
	changed(): void {
		this.#debounced.schedule();
	}

	/** For choices such as radios: saves at once, including any text still waiting. */
	saveNow(): Promise<unknown> {
		this.#debounced.cancel();
		return this.#save(this.snapshot());
	}

	flush(): Promise<void> {
		return this.#debounced.flush();
	}
}
