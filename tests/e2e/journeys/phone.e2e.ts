import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { openApp } from '../steps/app';
import { fillCallDetails, question, startConversation } from '../steps/conversation';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CONTROLS = [
	'button',
	'input:not([type="hidden"])',
	'textarea',
	'.govuk-back-link',
	'.govuk-task-list__item--with-link',
	'.govuk-pagination__link',
	'.govuk-service-navigation__link',
	'.govuk-service-navigation__toggle',
	'.govuk-details__summary'
].join(', ');

test('a phone shows one question per screen and every control is at least 44px square', async ({
	page
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await fillCallDetails(page, id);
	await page.getByRole('link', { name: '1. Safe care and treatment' }).click();

	await expect(page.locator('[data-question-id]')).toHaveCount(1);
	await expect(page.getByRole('heading', { level: 1, name: 'Question 1.1' })).toBeVisible();
	await expect(page.getByText('question 1 of 5')).toBeVisible();

	for (const path of [
		`/conversations/${id}`,
		`/conversations/${id}/areas/1?question=1.2`,
		`/conversations/${id}/call-details`,
		'/conversations/new'
	]) {
		await page.goto(path);
		await expect(page.locator('h1')).toBeVisible();
		const small = await page.locator(CONTROLS).evaluateAll((elements) =>
			elements
				.filter((element) => element.getClientRects().length > 0)
				.map((element) => ({ element, box: element.getBoundingClientRect() }))
				.filter(({ box }) => box.width < 44 || box.height < 44)
				.map(
					({ element, box }) =>
						`${element.outerHTML.slice(0, 80)} is ${Math.round(box.width)}×${Math.round(box.height)}`
				)
		);
		expect(small, `controls under 44px on ${path}`).toEqual([]);
	}

	// The menu folds behind a button on a phone.
	await expect(page.getByRole('link', { name: 'About this device' })).toBeHidden();
	await page.getByRole('button', { name: 'Menu' }).click();
	await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true');
	await page.getByRole('link', { name: 'About this device' }).click();
	await expect(page.getByRole('heading', { name: 'About this device' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'About this device' })).toBeHidden();

	await page.goto(`/conversations/${id}/areas/1`);
	await question(page, '1.1').getByRole('radio', { name: 'Yes', exact: true }).check();
	await page.getByRole('button', { name: 'Save and next question' }).click();
	await expect(page).toHaveURL(new RegExp(`/areas/1\\?question=1\\.2$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Question 1.2' })).toBeVisible();
	await page.getByRole('link', { name: /^Previous question/ }).click();
	await expect(
		question(page, '1.1').getByRole('radio', { name: 'Yes', exact: true })
	).toBeChecked();
	await page.goto(`/conversations/${id}/areas/4?question=4.4`);
	await page.getByRole('button', { name: 'Save and back to tasks' }).click();
	await expect(page).toHaveURL(new RegExp(`/conversations/${id}$`));
});

test('on a phone each question is in the first screen, and the upload status is one line that opens', async ({
	page,
	context
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await fillCallDetails(page, id);
	const status = page.getByTestId('sync-status');
	for (const questionId of ['1.1', '1.2', '1.3', '2.1', '3.1', '4.1']) {
		await page.goto(`/conversations/${id}/areas/${questionId[0]}?question=${questionId}`);
		const legend = question(page, questionId).locator('legend').first();
		await expect(legend).toBeVisible();
		const box = (await legend.boundingBox())!;
		expect(box.y + box.height, `the end of question ${questionId}'s text`).toBeLessThanOrEqual(740);
		// One line: the headline beside a 44px "Details" button.
		expect((await status.boundingBox())!.height).toBeLessThanOrEqual(60);
	}
	await saveScreenshot(page, 'phone-question-first-screen');

	await expect(status.getByRole('button', { name: 'Sync now' })).toBeHidden();
	const details = status.getByRole('button', { name: 'Details of uploads' });
	await expect(details).toHaveAttribute('aria-expanded', 'false');
	await details.click();
	await expect(details).toHaveAttribute('aria-expanded', 'true');
	await status.getByRole('button', { name: 'Sync now' }).click();
	await expect(status).toHaveAttribute('data-phase', 'synced');
	await expectNoAxeViolations(page, 'the upload status opened on a phone');
	await details.click();
	await expect(status.getByRole('button', { name: 'Sync now' })).toBeHidden();

	// When the session ends, the warning is also where the person is working, below the button.
	await context.clearCookies();
	await question(page, '4.1').getByRole('radio', { name: 'Yes', exact: true }).check();
	const warning = page.getByTestId('session-warning');
	await expect(warning).toContainText('Your session has ended');
	await expect(warning.getByRole('link', { name: 'sign in' })).toHaveAttribute(
		'href',
		`/sign-in?returnTo=${encodeURIComponent(`/conversations/${id}/areas/4?question=4.1`)}`
	);
	const button = (await page
		.getByRole('button', { name: 'Save and next question' })
		.boundingBox())!;
	expect((await warning.boundingBox())!.y).toBeGreaterThan(button.y);
	await expect(status).toContainText('Sign in to upload');
	await saveScreenshot(page, 'phone-session-ended');
});
