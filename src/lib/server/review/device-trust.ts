/**
 * The devices of the inspectors a reviewer manages, as each last reported itself: when it last
 * uploaded, what waits on it and since when, and whether its storage is persisted. A device that
 * has held a change for more than a day is at risk: one cleared browser and the change is lost.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { heldTooLong, type DeviceReport } from '$lib/domain/review/device-report';
import type { Database } from '../db/database';
import { syncDevices, users } from '../db/schema';
import type { Reviewer } from './review-scope';

export type InspectorDevices = { id: string; name: string; devices: DeviceReport[] };

export async function devicesForReview(
	db: Database,
	reviewer: Reviewer,
	now = new Date()
): Promise<InspectorDevices[]> {
	const scope =
		reviewer.role === 'admin'
			? sql`true`
			: reviewer.role === 'manager' && reviewer.teamId
				? eq(users.teamId, reviewer.teamId)
				: sql`false`;
	const rows = await db
		.select({ id: users.id, name: users.name, device: syncDevices })
		.from(users)
		.leftJoin(syncDevices, and(eq(syncDevices.userId, users.id), isNull(syncDevices.revokedAt)))
		.where(and(scope, eq(users.role, 'inspector'), eq(users.active, true)))
		.orderBy(asc(users.name), asc(users.id), desc(syncDevices.lastSeenAt));
	const inspectors = new Map<string, InspectorDevices>();
	for (const { id, name, device } of rows) {
		const inspector = inspectors.get(id) ?? { id, name, devices: [] };
		inspectors.set(id, inspector);
		if (!device) continue;
		inspector.devices.push({
			deviceId: device.deviceId,
			label: device.label ?? 'A browser',
			lastUploadAt: device.lastSeenAt,
			reportedAt: device.reportedAt,
			waitingChanges: device.waitingChanges,
			oldestWaitingAt: device.oldestWaitingAt,
			storagePersisted: device.storagePersisted,
			atRisk: heldTooLong(device.waitingChanges, device.oldestWaitingAt, now)
		});
	}
	// Inspectors with a device at risk first, so the warning is where the manager looks.
	return [...inspectors.values()].sort(
		(a, b) => Number(b.devices.some((d) => d.atRisk)) - Number(a.devices.some((d) => d.atRisk))
	);
}
