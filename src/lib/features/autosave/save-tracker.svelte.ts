/**
 * What the inspector is told about saving. "Saved" is shown only once every write started so far
 * has committed; a failure stays on screen until a later write succeeds.
 */
export class SaveTracker {
	#inFlight = $state(0);
	#savedAt = $state<Date | null>(null);
	#error = $state<string | null>(null);

	get state(): 'idle' | 'saving' | 'saved' | 'error' {
		if (this.#error) return 'error';
		if (this.#inFlight > 0) return 'saving';
		return this.#savedAt ? 'saved' : 'idle';
	}
	get savedAt(): Date | null {
		return this.#savedAt;
	}
	get error(): string | null {
		return this.#error;
	}

	/** Resolves with the write's result, or with undefined when it failed (the failure is shown). */
	async track<T>(write: Promise<T>): Promise<T | undefined> {
		this.#inFlight += 1;
		try {
			const result = await write;
			this.#savedAt = new Date();
			this.#error = null;
			return result;
		} catch (error) {
			this.#error = error instanceof Error ? error.message : 'Your last change could not be saved.';
			return undefined;
		} finally {
			this.#inFlight -= 1;
		}
	}
}
