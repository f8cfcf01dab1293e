import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from '../steps/app';
import { question, startConversation } from '../steps/conversation';
import { killBrowser, launchOnDisk } from '../steps/persistent-browser';

for (const viewport of [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
]) {
	test(`typing survives the browser being killed 100 ms after the last key, at ${viewport.width}px`, async ({
		playwright: _playwright
	}, testInfo) => {
		test.setTimeout(180_000);
		const profile = mkdtempSync(join(tmpdir(), 'esf-profile-'));
		try {
			let context = await launchOnDisk(profile, testInfo.project.use.baseURL, viewport);
			let page = context.pages()[0] ?? (await context.newPage());
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			// Closed properly once, so the session and the signed-in person are on disk too.
			await context.close();

			context = await launchOnDisk(profile, testInfo.project.use.baseURL, viewport);
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`/conversations/${id}/areas/1?question=1.1`);
			const typed = 'Steady typing through a long answer about infection control. '.repeat(3);
			await question(page, '1.1').getByLabel('Notes').pressSequentially(typed, { delay: 20 });
			await page.waitForTimeout(100);
			killBrowser(profile);
			await context.close().catch(() => undefined);

			context = await launchOnDisk(profile, testInfo.project.use.baseURL, viewport);
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`/conversations/${id}/areas/1?question=1.1`);
			await expect(question(page, '1.1').getByLabel('Notes')).toHaveValue(typed);
			await context.close();
		} finally {
			rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		}
	});
}
