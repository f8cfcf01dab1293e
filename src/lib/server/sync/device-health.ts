/**
 * With every download a device reports what waits on it: changes the server has not processed,
 * how old the oldest is, and whether the browser promised to keep the app's data. The newest
 * report is kept on the device's row, so the person's managers can see a device at risk before
 * anything on it is lost. A report never rebinds a device registered to someone else.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DeviceHealth } from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { syncDevices } from '../db/schema';

const BROWSERS: [RegExp, string][] = [
	[/Edg\//, 'Edge'],
	[/(?:Firefox|FxiOS)\//, 'Firefox'],
	[/(?:Chrome|CriOS)\//, 'Chrome'],
	[/Safari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone/, 'iPhone'],
	[/iPad/, 'iPad'],
	[/CrOS/, 'ChromeOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'Mac'],
	[/Linux/, 'Linux']
];

/** "Chrome on Android": enough for a manager and the inspector to tell their devices apart. */
export function deviceLabel(userAgent: string | null): string {
	const agent = userAgent ?? '';
	const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1] ?? 'A browser';
	const system = SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1];
	return system ? `${browser} on ${system}` : browser;
}

export async function recordDeviceHealth(
	db: Database,
	userId: string,
	deviceId: string,
	health: DeviceHealth,
	userAgent: string | null,
	now = new Date()
): Promise<void> {
	const report = {
		label: deviceLabel(userAgent),
		waitingChanges: health.waitingChanges,
		oldestWaitingAt: health.oldestWaitingAt ? new Date(health.oldestWaitingAt) : null,
		storagePersisted: health.storagePersisted,
		reportedAt: now
	};
	await db
		.insert(syncDevices)
		.values({ deviceId, userId, ...report })
		.onConflictDoUpdate({
			target: syncDevices.deviceId,
			set: report,
			setWhere: and(eq(syncDevices.userId, userId), isNull(syncDevices.revokedAt)) ?? sql`true`
		});
}
