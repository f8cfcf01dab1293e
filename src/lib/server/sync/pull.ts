/**
 * Download: the person's conversations changed after the device's cursor, oldest change first,
 * read in one REPEATABLE READ snapshot together with the device's last processed change, so the
 * device can tell exactly which of its queued changes the page already contains. The device's
 * report of what waits on it is kept for its managers (device-health.ts).
 */
import { eq } from 'drizzle-orm';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import {
	MAX_PULL_PAGE,
	type PullRequest,
	type PullResponse
} from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { userChangeCounters } from '../db/schema';
import { conversationsChangedAfter } from '../repos/conversations.repo';
import { recordDeviceHealth } from './device-health';
import { readDevice, type SyncRefusal } from './devices';
import type { SyncUser } from './push';

export async function pullChanges(
	db: Database,
	user: SyncUser,
	request: PullRequest,
	userAgent: string | null = null
): Promise<{ ok: true; response: PullResponse } | SyncRefusal> {
	const pulled = await readPage(db, user, request);
	// After the snapshot, not in it: the report is the device's, whatever the page holds.
	if (pulled.ok && request.deviceHealth) {
		await recordDeviceHealth(db, user.id, request.deviceId, request.deviceHealth, userAgent);
	}
	return pulled;
}

async function readPage(
	db: Database,
	user: SyncUser,
	request: PullRequest
): Promise<{ ok: true; response: PullResponse } | SyncRefusal> {
	const limit = request.limit ?? MAX_PULL_PAGE;
	return db.transaction(
		async (transaction) => {
			const tx = transaction as unknown as Database;
			const device = await readDevice(tx, request.deviceId, user.id);
			if (!device.ok) return device;
			const [counter] = await tx
				.select()
				.from(userChangeCounters)
				.where(eq(userChangeCounters.userId, user.id));
			// A cursor ahead of the server means the server lost changes (restored from a backup).
			const reset = request.cursor > (counter?.lastVersion ?? 0);
			const cursor = reset ? 0 : request.cursor;
			const page = await conversationsChangedAfter(tx, user.id, cursor, limit + 1);
			const hasMore = page.length > limit;
			const conversations = hasMore ? page.slice(0, limit) : page;
			const known = new Set(request.questionSets.map((ref) => `${ref.id}@${ref.version}`));
			return {
				ok: true as const,
				response: {
					conversations,
					cursor: conversations.at(-1)?.version ?? cursor,
					hasMore,
					lastSeq: device.lastSeq,
					reset,
					questionSets: BUNDLED_QUESTION_SETS.filter(
						(set) => !known.has(`${set.id}@${set.version}`)
					),
					serverTime: new Date().toISOString()
				}
			};
		},
		{ isolationLevel: 'repeatable read' }
	);
}
