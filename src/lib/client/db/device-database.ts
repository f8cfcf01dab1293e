import type { ConversationDb } from './db';
import { openDatabase } from './open-database';
import { replayTypingJournal } from './replay-journal';
import { TypingJournal } from './typing-journal';

export type DeviceDatabase = { db: ConversationDb; journal: TypingJournal };

const opened = new Map<string, Promise<DeviceDatabase>>();

/**
 * The open database of `ownerId` for this page, with any typing cut off last time recorded;
 * opened once per person. Each person has a database of their own.
 */
export function deviceDatabase(ownerId: string): Promise<DeviceDatabase> {
	let opening = opened.get(ownerId);
	if (!opening) {
		opening = open(ownerId).catch((error: unknown) => {
			opened.delete(ownerId);
			throw error;
		});
		opened.set(ownerId, opening);
	}
	return opening;
}

async function open(ownerId: string): Promise<DeviceDatabase> {
	const db = await openDatabase(ownerId);
	const journal = new TypingJournal(db.name);
	await replayTypingJournal(db, journal);
	return { db, journal };
}
