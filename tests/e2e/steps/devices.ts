import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openApp, signIn } from './app';
import type { ServerProcess } from './server-process';

export type Device = { context: BrowserContext; page: Page };

/** A browser profile signed in to `server` with the app open and working offline. */
export async function openDevice(
	browser: Browser,
	server: ServerProcess,
	options: {
		email?: string;
		/** Wait until the service worker controls the page, for scenarios that go offline. */
		offline?: boolean;
		beforeOpen?: (context: BrowserContext) => Promise<void>;
	} = {}
): Promise<Device> {
	const context = await browser.newContext({
		baseURL: server.baseURL,
		viewport: { width: 1280, height: 800 },
		serviceWorkers: 'allow'
	});
	await options.beforeOpen?.(context);
	const page = await context.newPage();
	if (options.offline) {
		await openApp(page, '/', options.email);
	} else {
		await signIn(page, options.email);
		await page.goto('/');
		// A new profile's first open installs the service worker and stores the question sets and
		// directory before the first screen; with two scenarios and their servers side by side on
		// two cores it has taken more than the usual 5 s. What the scenario checks comes after.
		await expect(page.getByTestId('sync-status')).toBeVisible({ timeout: 20_000 });
	}
	return { context, page };
}

/** A new tab of the same profile, as after a crash or reopening the app. */
export async function reopen(device: Device, path = '/'): Promise<Page> {
	await device.page.close({ runBeforeUnload: false });
	device.page = await device.context.newPage();
	await device.page.goto(path);
	return device.page;
}
