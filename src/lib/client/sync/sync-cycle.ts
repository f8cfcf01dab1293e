import type { ConversationDb } from '../db/db';
import { pullChanges } from './pull-changes';
import { pushOutbox } from './push-outbox';
import type { SyncFailure, SyncTransport } from './transport';

export type SyncCycleReport =
	| { ok: true; uploaded: number; downloaded: number; at: string }
	| { ok: false; failure: SyncFailure; uploaded: number; downloaded: number };

/** One round: upload first, so the download already contains this device's changes. */
export async function runSyncCycle(
	db: ConversationDb,
	transport: SyncTransport,
	options: { appVersion: string; userId: string; pageSize?: number; now?: () => Date }
): Promise<SyncCycleReport> {
	const pushed = await pushOutbox(db, transport, options);
	if (!pushed.ok) return { ...pushed, downloaded: 0 };
	const pulled = await pullChanges(db, transport, options);
	if (!pulled.ok) {
		return {
			ok: false,
			failure: pulled.failure,
			uploaded: pushed.uploaded,
			downloaded: pulled.conversations
		};
	}
	const at = (options.now?.() ?? new Date()).toISOString();
	await db.meta.put({ key: 'lastSyncAt', value: at });
	return { ok: true, uploaded: pushed.uploaded, downloaded: pulled.conversations, at };
}
