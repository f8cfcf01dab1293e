import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startMutation } from '$lib/testing/factories';
import { TestDevice } from '$lib/testing/sync/harness';
import type { DatabaseHandle } from '../db/database';
import { syncDevices } from '../db/schema';
import { insertUser } from '../repos/users.repo';
import { deviceLabel, recordDeviceHealth } from '../sync/device-health';
import { testDatabases } from '../testing/databases';
import { devicesForReview } from './device-trust';
import { reviewTeams } from './review-fixture';

const DAY_MS = 24 * 60 * 60 * 1000;

it('names a device by its browser and system', () => {
	expect(
		deviceLabel(
			'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36'
		)
	).toBe('Chrome on Android');
	expect(
		deviceLabel(
			'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
		)
	).toBe('Safari on iPad');
	expect(
		deviceLabel(
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0'
		)
	).toBe('Edge on Windows');
	expect(deviceLabel(null)).toBe('A browser');
});

describe.each(testDatabases())('devices as their managers see them on $name', ({ open }) => {
	let server: DatabaseHandle;
	let people: Awaited<ReturnType<typeof reviewTeams>>;

	beforeAll(async () => {
		server = await open();
	});
	afterAll(() => server.close());
	beforeEach(async () => {
		people = await reviewTeams(server);
	});

	const devicesOf = async (name: string, reviewer = people.manager, now = new Date()) =>
		(await devicesForReview(server.db, reviewer, now)).find((entry) => entry.name === name)
			?.devices;

	it('shows what waits on a device whose upload failed, and warns once it has waited a day', async () => {
		const { inspector } = people;
		const colleague = await insertUser(server.db, {
			email: `aaron.${crypto.randomUUID()}@example.test`,
			name: 'Aaron Early',
			role: 'inspector',
			teamId: inspector.teamId,
			passwordHash: 'not-used'
		});
		expect(await devicesOf('Aaron Early')).toEqual([]);

		const device = await new TestDevice(server, {
			id: inspector.id,
			teamId: inspector.teamId
		}).open();
		const start = startMutation();
		await device.record(start.args.conversationId, start);
		await device.settle();
		expect(await devicesOf(inspector.name)).toMatchObject([
			{ label: 'A browser', waitingChanges: 0, oldestWaitingAt: null, atRisk: false }
		]);
		const [synced] = (await devicesOf(inspector.name))!;
		expect(synced!.lastUploadAt).toBeInstanceOf(Date);

		// The server takes the upload but its answer is lost: the device still holds the change.
		const waiting = startMutation();
		await device.record(waiting.args.conversationId, waiting);
		const [held] = await device.db.outbox.where('state').equals('pending').toArray();
		device.faults = (kind) => (kind === 'push' ? 'lose-response' : 'deliver');
		expect((await device.sync()).ok).toBe(false);
		expect(await devicesOf(inspector.name)).toMatchObject([
			{ waitingChanges: 1, oldestWaitingAt: new Date(held!.clientTime), atRisk: false }
		]);
		const tomorrow = new Date(Date.parse(held!.clientTime) + DAY_MS + 60_000);
		const listed = await devicesForReview(server.db, people.manager, tomorrow);
		expect(listed.map((entry) => entry.name)).toEqual([inspector.name, colleague.name]);
		expect(listed[0]!.devices[0]!.atRisk).toBe(true);

		// Another team's manager does not see them; an administrator does.
		expect(await devicesOf(inspector.name, people.otherManager)).toBeUndefined();
		expect(await devicesOf(inspector.name, people.admin)).toHaveLength(1);

		// A report from another person never moves the device or changes its report.
		const deviceId = synced!.deviceId;
		await recordDeviceHealth(
			server.db,
			people.otherManager.id,
			deviceId,
			{
				waitingChanges: 99,
				oldestWaitingAt: null,
				storagePersisted: true
			},
			null
		);
		const [row] = await server.db
			.select()
			.from(syncDevices)
			.where(eq(syncDevices.deviceId, deviceId));
		expect(row).toMatchObject({ userId: inspector.id, waitingChanges: 1 });
	});
});
