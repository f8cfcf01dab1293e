import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { expectSaved, openApp } from '../steps/app';
import { CALM_ANSWERS } from '../steps/area-answers';
import {
	answerArea,
	answerQuestion,
	chooseOutcome,
	fillCallDetails,
	startConversation
} from '../steps/conversation';

const SIZES = [
	{ width: 360, height: 740, colorScheme: 'light' },
	{ width: 1280, height: 800, colorScheme: 'light' },
	// Dark mode follows the device's setting; its colours are checked once, at the laptop width.
	{ width: 1280, height: 800, colorScheme: 'dark' }
] as const;

for (const { colorScheme, ...size } of SIZES) {
	const mode = colorScheme === 'dark' ? ' in dark mode' : '';
	test(`every page is free of axe violations at ${size.width}px${mode}, and is photographed`, async ({
		page
	}) => {
		test.setTimeout(360_000);
		await page.setViewportSize(size);
		await page.emulateMedia({ colorScheme });
		const cspViolations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
		});
		await openApp(page);
		const visit = async (name: string, path?: string) => {
			if (path) await page.goto(path);
			await expect(page.locator('h1')).toBeVisible();
			await expectNoAxeViolations(page, `${name} at ${size.width}px${mode}`);
			await saveScreenshot(page, colorScheme === 'dark' ? `${name}-dark` : name);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow, `${name} scrolls sideways at ${size.width}px`).toBeLessThanOrEqual(0);
		};

		await visit('conversations-empty', '/');
		await page.getByRole('link', { name: 'Start a new conversation' }).click();
		await page.getByLabel('Find the location').fill('surgery');
		await visit('start');
		await page.getByRole('button', { name: 'Start conversation' }).click();
		await visit('start-error');
		const id = await startConversation(page, 'Larkspur');
		await visit('call-details');
		await page.getByRole('button', { name: 'Save and continue' }).click();
		await visit('call-details-error');
		await fillCallDetails(page, id);
		await visit('task-list');

		await page.goto(`/conversations/${id}/areas/1?question=1.2`);
		await answerQuestion(page, '1.2', 'No', 'Gloves out of stock for two days');
		await visit('area-question-with-flag');
		const { '1.2': _, ...rest } = CALM_ANSWERS['1']!;
		await answerArea(page, id, '1', rest, false);
		for (const area of ['2', '3', '4']) {
			await answerArea(page, id, area, CALM_ANSWERS[area]!, false);
		}
		await visit('area', `/conversations/${id}/areas/1`);
		await page.goto(`/conversations/${id}/risks`);
		await page.getByRole('radio', { name: 'Yes' }).check();
		await page
			.getByLabel('What needs escalating, and to whom?')
			.fill('Local authority told about PPE shortage');
		await expectSaved(page);
		await visit('risks');
		await chooseOutcome(page, id, 'Managing');
		await visit('outcome-error');
		await visit('check-answers', `/conversations/${id}/check`);
		await chooseOutcome(page, id, 'Needs support');
		await page.goto(`/conversations/${id}/check`);
		await page.getByRole('button', { name: 'Complete conversation' }).click();
		await page.waitForURL(/\/summary\?completed=1$/);
		await visit('summary-record');
		await visit('task-list-completed', `/conversations/${id}`);
		await visit('conversations', '/');
		await visit('about', '/about');
		await visit('not-found', '/conversations/00000000-0000-7000-8000-000000000000');
		expect(cspViolations).toEqual([]);
	});
}
