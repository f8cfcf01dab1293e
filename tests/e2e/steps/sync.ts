import { expect, type Page } from '@playwright/test';

export type DeviceState = {
	conversations: Array<Record<string, unknown> & { id: string }>;
	outbox: Array<{ seq: number; mutationId: string; state: string; name: string }>;
	rejected: Array<{ mutationId: string; code: string; message: string }>;
	conflicts: Array<{ mutationId: string; questionId: string }>;
	deviceId: string;
};

/** Everything the app keeps for the signed-in person on this device, read from IndexedDB. */
export async function readDevice(page: Page): Promise<DeviceState> {
	return page.evaluate(async () => {
		const user = JSON.parse(localStorage.getItem('esf-device-user') ?? 'null') as {
			user: { id: string };
		};
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(`esf-conversations-${user.user.id}`);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all = (store: string) =>
			new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const [conversations, outbox, rejected, conflicts, meta] = await Promise.all(
			['conversations', 'outbox', 'rejected', 'conflicts', 'meta'].map(all)
		);
		db.close();
		const deviceId = (meta as Array<{ key: string; value: string }>).find(
			(row) => row.key === 'deviceId'
		)!.value;
		return { conversations, outbox, rejected, conflicts, deviceId } as never;
	});
}

/** The person's conversations as the server holds them, asked for as a brand-new device would. */
export async function readServer(page: Page) {
	const userId = await page.evaluate(
		() => (JSON.parse(localStorage.getItem('esf-device-user')!) as { user: { id: string } }).user.id
	);
	const response = await page.request.post('/api/sync/pull', {
		data: { protocol: 1, userId, deviceId: crypto.randomUUID(), cursor: 0, questionSets: [] }
	});
	expect(response.status(), await response.text()).toBe(200);
	const body = (await response.json()) as {
		conversations: Array<Record<string, unknown> & { id: string }>;
	};
	return body.conversations.map(
		({ version: _v, answerVersions: _a, conflicts: _c, review: _r, ...conversation }) =>
			conversation
	);
}

/** Waits until the page says everything is uploaded, pressing "Sync now" to skip waiting. */
export async function expectSynced(page: Page): Promise<void> {
	const status = page.getByTestId('sync-status');
	await expect(async () => {
		if ((await status.getAttribute('data-phase')) !== 'syncing') {
			// On a phone the button is behind the status's one line.
			const details = status.getByRole('button', { name: 'Details of uploads', expanded: false });
			if (await details.isVisible()) await details.click();
			await status.getByRole('button', { name: 'Sync now' }).click();
		}
		await expect(status).toHaveAttribute('data-phase', 'synced', { timeout: 2_000 });
		await expect(status).toHaveAttribute('data-pending', '0', { timeout: 1_000 });
	}).toPass({ timeout: 30_000 });
	await expect(status).toContainText('All changes uploaded');
}

const byId = <T extends { id: string }>(list: T[]) =>
	[...list].sort((a, b) => a.id.localeCompare(b.id));

/** The device shows exactly what the server holds, and nothing is waiting to upload. */
export async function expectDeviceMatchesServer(page: Page): Promise<DeviceState> {
	const device = await readDevice(page);
	expect(device.outbox.filter((entry) => entry.state === 'pending')).toEqual([]);
	const shown = device.conversations.map(
		({ revision: _revision, ...conversation }) => conversation
	);
	expect(byId(shown)).toEqual(byId(await readServer(page)));
	return device;
}
