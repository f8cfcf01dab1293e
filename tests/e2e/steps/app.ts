import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

/** Signs in through the API; the session cookie lands in the page's browser context. */
export async function signIn(page: Page, email = 'inspector@example.test'): Promise<void> {
	const response = await page.request.post('/api/session', {
		data: { email, password: DEMO_PASSWORD }
	});
	expect(response.status(), await response.text()).toBe(200);
}

/**
 * Signs in, opens the app and waits until its service worker controls the page, so it works
 * offline from then on.
 */
export async function openApp(
	page: Page,
	path = '/',
	email = 'inspector@example.test'
): Promise<void> {
	await signIn(page, email);
	await page.goto(path);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
}

/** Waits until every change so far is committed to IndexedDB and the page says so. */
export async function expectSaved(page: Page): Promise<void> {
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
	await expect(page.getByTestId('save-status')).toContainText('Saved on this device');
}

export function conversationIdFrom(page: Page): string {
	const match = /\/conversations\/([0-9a-f-]{36})/.exec(page.url());
	if (!match) throw new Error(`Not on a conversation page: ${page.url()}`);
	return match[1]!;
}
