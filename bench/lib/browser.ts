/**
 * Chromium for the parts that measure the app in a browser, driven the way the Playwright
 * journeys drive it (tests/e2e/steps): the system Chromium, sign-in through the API, the service
 * worker in charge before anything is measured, and a conversation started through the pages.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium-path.js';

export const INSPECTOR = 'inspector@example.test';
export const DEMO_PASSWORD = 'demo-password';

export async function launchChromium(): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!executablePath) {
		throw new Error('No Chromium found: install one at /usr/bin/chromium or set CHROMIUM_PATH');
	}
	return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/** A fresh profile (empty cache, storage and cookies) on the app at `baseURL`, 1280 × 800. */
export async function newAppContext(
	browser: Browser,
	baseURL: string,
	options: { serviceWorkers?: 'allow' | 'block' } = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 1280, height: 800 },
		serviceWorkers: options.serviceWorkers ?? 'allow'
	});
	context.setDefaultTimeout(30_000);
	return context;
}

/** Signs in through the API; the session cookie lands in the page's context. */
export async function signIn(page: Page, email = INSPECTOR): Promise<void> {
	const response = await page.request.post('/api/session', {
		data: { email, password: DEMO_PASSWORD }
	});
	if (response.status() !== 200) {
		throw new Error(`Sign-in answered ${response.status()}: ${await response.text()}`);
	}
}

/** Signs in, opens `path` and waits until the service worker controls the page (offline-ready). */
export async function openApp(page: Page, path = '/', email = INSPECTOR): Promise<void> {
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

/** Starts a conversation at the first location `search` finds; resolves with its id. */
export async function startConversation(page: Page, search = 'Larkspur'): Promise<string> {
	await page.goto('/');
	await page.getByRole('link', { name: 'Start a new conversation' }).click();
	await page.getByLabel('Find the location').fill(search);
	await page.getByRole('group', { name: 'Select the location' }).getByRole('radio').first().check();
	await page.getByRole('button', { name: 'Start conversation' }).click();
	await page.waitForURL(/\/call-details$/);
	const match = /\/conversations\/([0-9a-f-]{36})/.exec(page.url());
	if (!match) throw new Error(`Not on a conversation page: ${page.url()}`);
	return match[1]!;
}

/** The first radio of question 1.1 on an area page: the first thing an inspector can answer. */
export const FIRST_RADIO = '[data-question-id="1.1"] input[type="radio"]';

/** Waits until the first radio of question 1.1 is attached, enabled and has a box. */
export async function waitForFirstQuestion(page: Page): Promise<void> {
	await page.waitForFunction((selector) => {
		const radio = document.querySelector<HTMLInputElement>(selector);
		if (!radio || radio.matches(':disabled')) return false;
		const box = radio.getBoundingClientRect();
		return box.width > 0 && box.height > 0;
	}, FIRST_RADIO);
}

/** Resolves once the page has had no request in flight for 500 ms (Playwright's networkidle). */
export async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle').catch(() => undefined);
}
