import { DomainError } from '$lib/domain/errors';

/** The device has no room left; nothing of the change was written. */
export class StorageFullError extends Error {
	constructor() {
		super(
			'This device has run out of storage space, so your last change was not saved. Free up space, then try again. Your text is still on the screen.'
		);
		this.name = 'StorageFullError';
	}
}

/** Any other failed save; nothing of the change was written. */
export class SaveFailedError extends Error {
	constructor(cause: unknown) {
		super(
			'Your last change could not be saved on this device. Try again. Your text is still on the screen.',
			{ cause }
		);
		this.name = 'SaveFailedError';
	}
}

function isQuotaError(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	// Dexie reports a full disk as QuotaExceededError, or as an AbortError wrapping one.
	const inner = (error as { inner?: unknown }).inner;
	return error.name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}

export function toSaveError(error: unknown): Error {
	if (
		error instanceof DomainError ||
		error instanceof StorageFullError ||
		error instanceof SaveFailedError
	) {
		return error;
	}
	return isQuotaError(error) ? new StorageFullError() : new SaveFailedError(error);
}
