import { expect, test, type Page } from '@playwright/test';
import { expectSaved, openApp, signIn } from '../steps/app';
import { answerQuestion, question, startConversation } from '../steps/conversation';
import { expectSynced } from '../steps/sync';

/** Records every text the upload status and the live regions show, from the page's first paint. */
function recordStatus() {
	const seen: { status: string[]; spoken: string[] } = { status: [], spoken: [] };
	(window as unknown as { statusLog: typeof seen }).statusLog = seen;
	const note = (list: string[], text: string | null | undefined) => {
		const value = (text ?? '').replace(/\s+/g, ' ').trim();
		if (value && list.at(-1) !== value) list.push(value);
	};
	// What each live region says, so a region is heard again only when its words change.
	const spoken = new WeakMap<Element, string>();
	new MutationObserver(() => {
		const status = document.querySelector('[data-testid="sync-status"]');
		note(seen.status, status?.querySelector('p:not(.govuk-visually-hidden)')?.textContent);
		for (const region of document.querySelectorAll('[role="status"]')) {
			const words = (region.textContent ?? '').trim();
			if (words && spoken.get(region) !== words) seen.spoken.push(words);
			spoken.set(region, words);
		}
	}).observe(document, { subtree: true, childList: true, characterData: true });
}

const statusLog = (page: Page) =>
	page.evaluate(
		() => (window as unknown as { statusLog: { status: string[]; spoken: string[] } }).statusLog
	);

for (const viewport of [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
]) {
	test(`the upload status says only what it has read, and announces only changes of state, at ${viewport.width}px`, async ({
		browser
	}) => {
		test.setTimeout(180_000);
		const context = await browser.newContext({ viewport });
		await context.addInitScript(recordStatus);
		let page = await context.newPage();
		await openApp(page);
		const id = await startConversation(page, 'Larkspur');
		await expectSynced(page);

		// Offline with a change waiting: a new tab never claims everything is uploaded.
		await context.setOffline(true);
		await page.goto(`/conversations/${id}/areas/1?question=1.1`);
		await answerQuestion(page, '1.1', 'Yes', 'Typed with no signal');
		await page.close();
		page = await context.newPage();
		await page.goto('/');
		const status = page.getByTestId('sync-status');
		await expect(status).toContainText('saved on this device');
		await expect(page.getByTestId('upload-state').first()).toHaveText('Changes waiting to upload.');
		await page.waitForTimeout(3_000);
		let log = await statusLog(page);
		expect(log.status.filter((text) => /All changes uploaded|Uploading/.test(text))).toEqual([]);
		expect(log.spoken.filter((text) => text.startsWith('Offline'))).toHaveLength(1);

		// Back online with the server out of reach: retries keep the failure on screen, said once.
		await page.route('**/api/sync/**', (route) => route.abort('connectionrefused'));
		await context.setOffline(false);
		await expect(status).toContainText('waiting to upload');
		await page.waitForTimeout(8_000);
		log = await statusLog(page);
		expect(log.status.filter((text) => /All changes uploaded|Uploading/.test(text))).toEqual([]);
		expect(log.spoken.filter((text) => text === 'Changes could not be uploaded yet.')).toHaveLength(
			1
		);

		// Typing with pauses is saved each time and said once.
		await page.goto(`/conversations/${id}/areas/1?question=1.1`);
		const notes = question(page, '1.1').getByLabel('Notes');
		for (const words of [' More.', ' And more.', ' And the end.']) {
			await notes.press('End');
			await notes.pressSequentially(words);
			await expectSaved(page);
			await page.waitForTimeout(500);
		}
		log = await statusLog(page);
		expect(log.spoken.filter((text) => text.startsWith('Saved on this device'))).toHaveLength(1);

		await page.unroute('**/api/sync/**');
		await expectSynced(page);
		await context.close();
	});
}

test('a person signed in opens the app on a slow connection without being sent to sign in', async ({
	browser
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page);
	// The first open of a device has no one stored to fall back on, so it waits for the server.
	await page.route('**/api/session', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 4_000));
		await route.continue();
	});
	await page.goto('/');
	await expect(page.getByTestId('sync-status')).toBeVisible({ timeout: 20_000 });
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Sign in/);
	await context.close();
});
