import { expect, type Browser, type Page } from '@playwright/test';
import { signIn } from './app';

/** A manager at a desk: a browser context of their own, signed in. */
export async function openManager(browser: Browser, viewport = { width: 1280, height: 800 }) {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	await signIn(page, 'manager@example.test');
	return { context, page };
}

/** A date `days` from today as the three GOV.UK date fields and as YYYY-MM-DD. */
export function daysFromToday(days: number) {
	const date = new Date(Date.now() + days * 86_400_000);
	const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date);
	const [year, month, day] = iso.split('-') as [string, string, string];
	return { iso, day: String(Number(day)), month: String(Number(month)), year };
}

export async function expectFlagStatus(page: Page, status: string) {
	await expect(page.getByTestId('review-status')).toContainText(status);
}
