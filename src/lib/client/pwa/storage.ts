/** Asks the browser not to evict this app's data under storage pressure; it may say no. */
export async function requestPersistentStorage(): Promise<boolean> {
	if (!navigator.storage?.persist) return false;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}

export type StorageState = {
	persisted: boolean | null;
	usageBytes: number | null;
	quotaBytes: number | null;
};

export async function readStorageState(): Promise<StorageState> {
	const storage = navigator.storage;
	const [persisted, estimate] = await Promise.all([
		storage?.persisted ? storage.persisted() : Promise.resolve(null),
		storage?.estimate ? storage.estimate() : Promise.resolve(null)
	]);
	return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}
