import { expect, test } from '@playwright/test';
import { openApp } from '../steps/app';
import { fillCallDetails, question, startConversation } from '../steps/conversation';

test('a new version waits for the inspector, and reloading keeps what they typed', async ({
	page
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await fillCallDetails(page, id);
	await page.goto(`/conversations/${id}/areas/1`);
	await page.evaluate(() => Object.assign(window, { sameDocument: true }));
	const notes = question(page, '1.1').getByLabel('Notes');
	await notes.pressSequentially('Mid-sentence when the update ', { delay: 10 });

	// A service worker under another script address is a new version of the app for the browser.
	await page.evaluate(() => navigator.serviceWorker.register('/service-worker.js?next-version'));
	await expect(page.getByTestId('update-banner')).toContainText('A new version is available.');
	await notes.pressSequentially('arrived', { delay: 10 });
	await page.waitForTimeout(1500);
	expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
	await expect(notes).toHaveValue('Mid-sentence when the update arrived');

	await page.getByRole('button', { name: 'Reload' }).click();
	await page.waitForFunction(() => !('sameDocument' in window));
	await expect(question(page, '1.1').getByLabel('Notes')).toHaveValue(
		'Mid-sentence when the update arrived'
	);
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
		/service-worker\.js\?next-version$/
	);
	await expect(page.getByTestId('update-banner')).toHaveCount(0);
});
