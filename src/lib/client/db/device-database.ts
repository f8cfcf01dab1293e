import type { ConversationDb } from './db';
import { openDatabase } from './open-database';
import { replayTypingJournal } from './replay-journal';
import { TypingJournal } from './typing-journal';

/** Until accounts arrive, everything on this device belongs to one local inspector. */
export const LOCAL_OWNER_ID = 'local';

export type DeviceDatabase = { db: ConversationDb; journal: TypingJournal };

let opening: Promise<DeviceDatabase> | undefined;

/** The open database for this page, with any typing cut off last time recorded; opened once. */
export function deviceDatabase(): Promise<DeviceDatabase> {
	opening ??= open().catch((error: unknown) => {
		opening = undefined;
		throw error;
	});
	return opening;
}

async function open(): Promise<DeviceDatabase> {
	const db = await openDatabase(LOCAL_OWNER_ID);
	const journal = new TypingJournal(db.name);
	await replayTypingJournal(db, journal);
	return { db, journal };
}
