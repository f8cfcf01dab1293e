import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { openApp } from '../steps/app';

const heading = (page: import('@playwright/test').Page) => page.getByRole('heading', { level: 1 });

for (const viewport of [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
]) {
	test(`offline, every address answers with a page of the app, and signing out offline ends the session once online, at ${viewport.width}px`, async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport });
		const page = await context.newPage();
		await openApp(page);
		await context.setOffline(true);

		await page.goto('/sign-in');
		await expect(heading(page)).toHaveText('Signing in needs a connection');
		await expect(page.getByRole('link', { name: 'go to your conversations' })).toBeVisible();
		await expectNoAxeViolations(page, '/sign-in offline');
		await saveScreenshot(page, 'offline-sign-in');

		await page.goto('/review');
		await expect(heading(page)).toHaveText('This page needs a connection');
		await page.goto('/no-such-page');
		await expect(heading(page)).toHaveText('Page not found');
		await expectNoAxeViolations(page, 'an unknown address offline');

		// Signing out works on the device with no connection; the server's session ends later.
		await page.goto('/sign-out');
		await expect(heading(page)).toHaveText('Sign out');
		await expectNoAxeViolations(page, '/sign-out offline');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/sign-in$/);
		await expect(heading(page)).toHaveText('Signing in needs a connection');
		expect(
			await page.evaluate(() => localStorage.getItem('esf-sign-out-pending')),
			'the device remembers to end the session on the server'
		).toBe('1');

		// The next person to open the app with a connection finds nobody signed in.
		await context.setOffline(false);
		await page.goto('/');
		await expect(heading(page)).toHaveText('Sign in');
		expect((await page.request.get('/api/session')).status()).toBe(401);
		expect(await page.evaluate(() => localStorage.getItem('esf-sign-out-pending'))).toBeNull();
		await context.close();
	});
}
