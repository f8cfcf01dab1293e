import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { syncDevices } from '../db/schema';

/** Why a whole sync request is refused: the device belongs to someone else. */
export type SyncRefusal = { ok: false; code: 'DEVICE_USER_MISMATCH'; message: string };

const notYours: SyncRefusal = {
	ok: false,
	code: 'DEVICE_USER_MISMATCH',
	message: 'This device is registered to another person. Sign in as them to upload its changes.'
};

/** Registers the device to the person on first contact, then locks its row. */
export async function lockDevice(
	tx: Database,
	deviceId: string,
	userId: string
): Promise<{ ok: true; lastSeq: number } | SyncRefusal> {
	// One round trip: the no-op update on conflict takes the row lock and returns the row.
	const [device] = await tx
		.insert(syncDevices)
		.values({ deviceId, userId })
		.onConflictDoUpdate({
			target: syncDevices.deviceId,
			set: { deviceId: sql`excluded.device_id` }
		})
		.returning();
	if (!device || device.userId !== userId || device.revokedAt) return notYours;
	return { ok: true, lastSeq: device.lastSeq };
}

/** The device's last processed change without locking; 0 for a device never seen. */
export async function readDevice(
	tx: Database,
	deviceId: string,
	userId: string
): Promise<{ ok: true; lastSeq: number } | SyncRefusal> {
	const [device] = await tx.select().from(syncDevices).where(eq(syncDevices.deviceId, deviceId));
	if (!device) return { ok: true, lastSeq: 0 };
	if (device.userId !== userId || device.revokedAt) return notYours;
	return { ok: true, lastSeq: device.lastSeq };
}
