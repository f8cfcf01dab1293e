import { ConversationDb, databaseName } from './db';
import { readDeviceId } from './meta';
import { seedReferenceData } from './reference.repo';

/** Storage the app cannot use at all, such as a private window without IndexedDB. */
export class StorageUnavailableError extends Error {
	constructor(cause: unknown) {
		super(
			'This browser will not let the app store conversations on this device, so nothing you enter could be kept. Use a normal (not private) window, or another browser.',
			{ cause }
		);
		this.name = 'StorageUnavailableError';
	}
}

export async function openDatabase(ownerId: string): Promise<ConversationDb> {
	const db = new ConversationDb(databaseName(ownerId));
	try {
		await db.open();
		await readDeviceId(db);
		await seedReferenceData(db);
	} catch (error) {
		db.close();
		throw new StorageUnavailableError(error);
	}
	return db;
}
