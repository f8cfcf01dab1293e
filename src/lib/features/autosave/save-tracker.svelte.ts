/**
 * What the inspector is told about saving. "Saved" is shown only once every write started so far
 * has committed. A failure stays on screen until that same field saves successfully; another
 * field's success does not hide it.
 */
export class SaveTracker {
	#inFlight = $state(0);
	#savedAt = $state<Date | null>(null);
	#failures = $state<Record<string, string>>({});
	#held = $state<Record<string, true>>({});

	/** `held`: saved on the device, but some of it only as a draft the record does not hold yet. */
	get state(): 'idle' | 'saving' | 'saved' | 'held' | 'error' {
		if (this.error) return 'error';
		if (this.#inFlight > 0) return 'saving';
		if (Object.keys(this.#held).length > 0) return 'held';
		return this.#savedAt ? 'saved' : 'idle';
	}

	/** Marks whether the form `key` holds text that is kept only as a draft. */
	hold(key: string, held: boolean): void {
		if (held === key in this.#held) return;
		const { [key]: _dropped, ...rest } = this.#held;
		this.#held = held ? { ...rest, [key]: true } : rest;
	}
	get savedAt(): Date | null {
		return this.#savedAt;
	}
	get error(): string | null {
		return Object.values(this.#failures)[0] ?? null;
	}

	/** Shows why `key` could not be saved, without starting a write. */
	fail(key: string, message: string): void {
		this.#failures = { ...this.#failures, [key]: message };
	}

	/** Resolves with the write's result, or with undefined when it failed (the failure is shown). */
	async track<T>(key: string, write: Promise<T>): Promise<T | undefined> {
		this.#inFlight += 1;
		try {
			const result = await write;
			this.#savedAt = new Date();
			if (key in this.#failures) {
				const { [key]: _cleared, ...rest } = this.#failures;
				this.#failures = rest;
			}
			return result;
		} catch (error) {
			this.fail(
				key,
				error instanceof Error ? error.message : 'Your last change could not be saved.'
			);
			return undefined;
		} finally {
			this.#inFlight -= 1;
		}
	}
}
