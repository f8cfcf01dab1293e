import { liveQuery } from 'dexie';

/**
 * A Dexie query whose result follows the database: any committed write, from this tab or another,
 * re-runs it. Create it while a component initialises; `key` is read reactively, so a new key
 * (such as a new route parameter) starts a new query.
 */
export class LiveQuery<Key, Result> {
	#current = $state.raw<Result | undefined>(undefined);
	#error = $state.raw<unknown>(undefined);
	#loading = $state(true);

	constructor(key: () => Key, query: (key: Key) => Promise<Result>) {
		$effect(() => {
			const current = key();
			this.#loading = true;
			const subscription = liveQuery(() => query(current)).subscribe({
				next: (value) => {
					this.#current = value;
					this.#error = undefined;
					this.#loading = false;
				},
				error: (error: unknown) => {
					this.#error = error;
					this.#loading = false;
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): Result | undefined {
		return this.#current;
	}
	get error(): unknown {
		return this.#error;
	}
	get loading(): boolean {
		return this.#loading;
	}
}
