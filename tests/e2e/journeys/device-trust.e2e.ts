import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { openApp, signIn } from '../steps/app';
import { startConversation } from '../steps/conversation';
import { openManager } from '../steps/review';
import { expectSynced } from '../steps/sync';

const IPAD =
	'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

test('managers see each inspector’s devices as they report themselves, and a device holding changes for more than a day', async ({
	browser
}) => {
	// An inspector's browser syncs, reporting itself with its upload and its download.
	const field = await browser.newContext();
	const inspector = await field.newPage();
	await openApp(inspector);
	await startConversation(inspector, 'Larkspur');
	await expectSynced(inspector);

	const { context: desk, page: manager } = await openManager(browser);
	await manager.goto('/review');
	await manager.getByRole('link', { name: 'Devices' }).click();
	await expect(manager.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
	const ines = manager.getByTestId('devices-of-Ines Inspector');
	// Named from its user agent, which the browser tests set to a desktop Chrome's.
	await expect(ines).toContainText(/Chrome on (Windows|Linux)/);
	await expect(ines).toContainText(/Last upload: \d{1,2} \w+ \d{4} at/);
	// Another team's inspector is not the London manager's to see.
	await expect(manager.getByTestId('devices-of-Ivo Inspector')).toHaveCount(0);

	// A tablet of the North East inspector whose changes have waited two days reports itself.
	const tablet = await browser.newContext({ userAgent: IPAD });
	const ivo = await tablet.newPage();
	await signIn(ivo, 'inspector2@example.test');
	const session = (await (await ivo.request.get('/api/session')).json()) as {
		user: { id: string };
	};
	const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString();
	const pulled = await ivo.request.post('/api/sync/pull', {
		data: {
			protocol: 1,
			userId: session.user.id,
			deviceId: crypto.randomUUID(),
			cursor: 0,
			questionSets: [],
			deviceHealth: { waitingChanges: 3, oldestWaitingAt: twoDaysAgo, storagePersisted: false }
		}
	});
	expect(pulled.status(), await pulled.text()).toBe(200);
	await tablet.close();

	// The administrator sees every team's, with the warning.
	const office = await browser.newContext();
	const admin = await office.newPage();
	await signIn(admin, 'admin@example.test');
	await admin.goto('/review/devices');
	await expect(admin.getByTestId('devices-at-risk')).toContainText(
		'held changes for more than a day'
	);
	const tabletCard = admin
		.getByTestId('devices-of-Ivo Inspector')
		.locator('.govuk-summary-list__row')
		.filter({ hasText: 'Safari on iPad' });
	await expect(tabletCard).toContainText('Changes held for more than a day');
	await expect(tabletCard).toContainText('3 changes waiting, the oldest made 2 days ago');
	await expect(tabletCard).toContainText('Not kept: the browser may clear it');
	for (const viewport of [
		{ width: 360, height: 740 },
		{ width: 1280, height: 800 }
	]) {
		await admin.setViewportSize(viewport);
		await expectNoAxeViolations(admin, `devices at ${viewport.width}px`);
		await saveScreenshot(admin, 'review-devices');
	}
	await manager.goto('/review/devices');
	await expectNoAxeViolations(manager, 'devices for a manager');
	await field.close();
	await desk.close();
	await office.close();
});
