import { expect, test } from '@playwright/test';
import { openApp } from '../steps/app';
import { question } from '../steps/conversation';
import { tabAndPress, tabAndType, tabToRadio } from '../steps/keyboard';

test('a whole conversation can be completed with the keyboard alone', async ({ page }) => {
	test.setTimeout(240_000);
	await openApp(page);
	await page.locator('body').focus();

	await tabAndPress(page, page.getByRole('link', { name: 'Start a new conversation' }), 'Enter');
	await tabAndType(page, page.getByLabel('Find the location'), 'Hackney');
	await tabAndPress(
		page,
		page.getByRole('radio', { name: 'Brightwell Homecare (Hackney)' }),
		'Space'
	);
	await tabAndPress(page, page.getByRole('button', { name: 'Start conversation' }), 'Enter');
	await page.waitForURL(/\/call-details$/);

	await tabAndType(page, page.getByLabel('Day'), '12');
	await tabAndType(page, page.getByLabel('Month'), '6');
	await tabAndType(page, page.getByLabel('Year'), '2020');
	await tabAndType(page, page.getByLabel('Time the call started'), '09:15');
	await tabAndPress(page, page.getByRole('radio', { name: 'Phone' }), 'Space');
	await tabAndType(page, page.getByLabel('Name of the person you spoke to'), 'Robin Example');
	await tabAndType(page, page.getByLabel('Their role'), 'Deputy manager');
	await tabAndPress(page, page.getByRole('button', { name: 'Save and continue' }), 'Enter');
	await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);

	const areas = [
		['1. Safe care and treatment', ['1.1', '1.2', '1.3', '1.4', '1.5']],
		['2. Staffing arrangements', ['2.1', '2.2', '2.3']],
		['3. Protection from abuse', ['3.1', '3.2', '3.3']],
		['4. Assurance processes, monitoring and risk management', ['4.1', '4.2', '4.3', '4.4']]
	] as const;
	for (const [area, questionIds] of areas) {
		await tabAndPress(page, page.getByRole('link', { name: area }), 'Enter');
		await expect(page.getByRole('heading', { level: 1, name: area })).toBeVisible();
		for (const questionId of questionIds) {
			// Tab reaches the first option of a radio group; Space chooses it.
			await tabAndPress(
				page,
				question(page, questionId).getByRole('radio', { name: 'Yes', exact: true }),
				'Space'
			);
			await expect(
				question(page, questionId).getByRole('radio', { name: 'Yes', exact: true })
			).toBeChecked();
		}
		await tabAndType(
			page,
			question(page, questionIds[0]).getByLabel('Notes'),
			'Typed with the keyboard'
		);
		await tabAndPress(page, page.getByRole('link', { name: 'Back to tasks' }).last(), 'Enter');
		await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
	}

	await tabAndPress(
		page,
		page.getByRole('link', { name: 'Risks, support and good practice' }),
		'Enter'
	);
	await tabToRadio(
		page,
		page
			.getByRole('group', { name: 'Does anything need urgent escalation?' })
			.getByRole('radio', { name: 'No', exact: true })
	);
	await tabAndPress(page, page.getByRole('button', { name: 'Save and continue' }), 'Enter');
	await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);

	await tabAndPress(page, page.getByRole('link', { name: 'Outcome' }), 'Enter');
	await tabAndPress(page, page.getByRole('radio', { name: 'Managing (suggested)' }), 'Space');
	await tabAndPress(page, page.getByRole('button', { name: 'Save and continue' }), 'Enter');
	await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);

	await tabAndPress(page, page.getByRole('link', { name: 'Check answers and complete' }), 'Enter');
	await expect(page.getByText('Typed with the keyboard')).toHaveCount(4);
	await tabAndPress(page, page.getByRole('button', { name: 'Complete conversation' }), 'Enter');
	await page.waitForURL(/\/summary\?completed=1$/);
	await expect(page.getByRole('heading', { name: 'Conversation completed' })).toBeVisible();
});
