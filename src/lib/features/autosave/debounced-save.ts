/**
 * Text is saved shortly after the inspector stops typing, and at once when they leave the field,
 * the page is hidden or the page is being unloaded, so a closed tab loses at most what was typed
 * in the last moment before a crash.
 */
const scheduled = new Set<DebouncedSave>();

export class DebouncedSave {
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #save: () => Promise<unknown>;
	readonly #delayMs: number;

	constructor(save: () => Promise<unknown>, delayMs = 300) {
		this.#save = save;
		this.#delayMs = delayMs;
	}

	schedule(): void {
		clearTimeout(this.#timer);
		scheduled.add(this);
		this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
	}

	/** Saves now if a save is waiting. */
	async flush(): Promise<void> {
		if (!scheduled.has(this)) return;
		clearTimeout(this.#timer);
		scheduled.delete(this);
		await this.#save();
	}

	/** Drops a waiting save, for when a fuller save of the same data is about to run. */
	cancel(): void {
		clearTimeout(this.#timer);
		scheduled.delete(this);
	}
}

export async function flushAllSaves(): Promise<void> {
	await Promise.all([...scheduled].map((save) => save.flush()));
}
