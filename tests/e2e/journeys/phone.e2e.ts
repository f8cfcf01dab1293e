import { expect, test } from '@playwright/test';
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
