import { expect, test } from '@playwright/test';
import { openApp } from '../steps/app';
import { question, startConversation } from '../steps/conversation';

test('text typed just before the tab closes is there when the conversation is opened again', async ({
	context
}) => {
	let page = await context.newPage();
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.goto(`/conversations/${id}/risks`);
	await page
		.getByLabel('Internal risks and challenges')
		.fill('Closed the laptop lid straight after typing this');
	await page.close({ runBeforeUnload: false });

	page = await context.newPage();
	await page.goto(`/conversations/${id}/risks`);
	await expect(page.getByLabel('Internal risks and challenges')).toHaveValue(
		'Closed the laptop lid straight after typing this'
	);
	await page.goto(`/conversations/${id}`);
	await expect(
		page.locator('.govuk-task-list__item', { hasText: 'Risks, support and good practice' })
	).toContainText('In progress');
});

test('text typed just before the tab is frozen and discarded is recovered when the app opens again', async ({
	context
}) => {
	let page = await context.newPage();
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.goto(`/conversations/${id}/areas/2`);
	await question(page, '2.1')
		.getByLabel('Notes')
		.fill('Typed a moment before the phone froze the tab');
	// A frozen tab runs no more script, so neither the pending save nor an unload handler runs:
	// only what was journaled as it was typed can survive.
	const session = await context.newCDPSession(page);
	await session.send('Page.setWebLifecycleState', { state: 'frozen' });
	await page.close({ runBeforeUnload: false });

	page = await context.newPage();
	await page.goto(`/conversations/${id}/areas/2`);
	await expect(question(page, '2.1').getByLabel('Notes')).toHaveValue(
		'Typed a moment before the phone froze the tab'
	);
});

test('the reason for a flag not yet raised survives a reload', async ({ page }) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.goto(`/conversations/${id}/areas/3`);
	await question(page, '3.2')
		.getByRole('button', { name: 'Raise a risk flag on question 3.2' })
		.click();
	await question(page, '3.2')
		.getByLabel('Why is this a risk?')
		.fill('Safeguarding referrals are waiting weeks');
	await page.reload();
	await expect(question(page, '3.2').getByLabel('Why is this a risk?')).toHaveValue(
		'Safeguarding referrals are waiting weeks'
	);
	await question(page, '3.2').getByRole('radio', { name: 'Medium' }).check();
	await question(page, '3.2').getByRole('button', { name: 'Raise flag' }).click();
	await expect(page.getByTestId('raised-flag-3.2')).toContainText('Medium risk');
	await page.reload();
	await question(page, '3.2').getByRole('button', { name: 'Withdraw this flag' }).click();
	await expect(question(page, '3.2').getByLabel('Why are you withdrawing this flag?')).toHaveValue(
		''
	);
});
