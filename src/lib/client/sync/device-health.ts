import type { DeviceHealth } from '$lib/domain/sync/sync-protocol.schema';
import type { ConversationDb } from '../db/db';

/** What waits on this device for the server, sent with each upload and download for managers. */
export async function readDeviceHealth(db: ConversationDb): Promise<DeviceHealth> {
	const waiting = db.outbox.where('state').equals('pending');
	// Within one state the index is ordered by seq, so the first waiting change is the oldest.
	const [waitingChanges, oldest] = await Promise.all([waiting.count(), waiting.first()]);
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	const storagePersisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
	return { waitingChanges, oldestWaitingAt: oldest?.clientTime ?? null, storagePersisted };
}
