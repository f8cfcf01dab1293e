import { uuidv7 } from '$lib/domain/ids';
import type { ConversationDb } from './db';

/** This browser profile's id for this person; made once, when their database is created. */
export async function readDeviceId(db: ConversationDb): Promise<string> {
	// In one transaction, so two tabs opening a new database agree on one id.
	return db.transaction('rw', db.meta, async () => {
		const row = await db.meta.get('deviceId');
		if (typeof row?.value === 'string') return row.value;
		const deviceId = uuidv7();
		await db.meta.put({ key: 'deviceId', value: deviceId });
		return deviceId;
	});
}

/** Call inside a read-write transaction that includes `meta`. */
export async function readNextSeq(db: ConversationDb): Promise<number> {
	const row = await db.meta.get('nextSeq');
	return typeof row?.value === 'number' ? row.value : 1;
}

export async function writeNextSeq(db: ConversationDb, nextSeq: number): Promise<void> {
	await db.meta.put({ key: 'nextSeq', value: nextSeq });
}

/** A number kept in `meta`, 0 when never written. */
export async function readCounter(
	db: ConversationDb,
	key: 'cursor' | 'confirmedSeq'
): Promise<number> {
	const row = await db.meta.get(key);
	return typeof row?.value === 'number' ? row.value : 0;
}
