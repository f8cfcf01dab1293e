import { expect, test } from '@playwright/test';
import { expectSaved, openApp } from '../steps/app';
import { WITH_CONCERNS } from '../steps/area-answers';
import {
	answerArea,
	answerEscalation,
	expectTaskStatus,
	fillCallDetails,
	question,
	startConversation
} from '../steps/conversation';

test('concern answers raise flags and suggest needs support; going against it needs a reason', async ({
	page
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Hackney');
	await fillCallDetails(page, id);
	for (const area of ['1', '2', '3', '4']) {
		await answerArea(page, id, area, WITH_CONCERNS[area]!, false);
	}

	await page.goto(`/conversations/${id}/areas/2`);
	await expect(page.getByTestId('raised-flag-2.1')).toContainText('High risk');
	await expect(page.getByTestId('raised-flag-2.1')).toContainText(
		'Raised because of the answer given.'
	);
	await expect(question(page, '2.1').getByLabel('Why is this a risk?')).toHaveValue(/^Answered: "/);
	await expect(page.getByTestId('raised-flag-2.2')).toContainText('Medium risk');
	await expect(page.getByTestId('flag-2.3')).not.toContainText(
		'risk flag on this question was withdrawn'
	);

	// A flag cannot be removed without saying why; with a reason it stays on record as withdrawn.
	await question(page, '2.2').getByRole('button', { name: 'Withdraw this flag' }).click();
	await question(page, '2.2').getByRole('button', { name: 'Withdraw flag' }).click();
	await expect(
		question(page, '2.2').getByText('Error: Enter why you are withdrawing this flag')
	).toBeVisible();
	// As on every page: the error summary lists it, takes focus, and its link leads to the field.
	const flagProblem = page.locator('.govuk-error-summary');
	await expect(flagProblem).toBeFocused();
	await flagProblem.getByRole('link', { name: 'Enter why you are withdrawing this flag' }).click();
	await expect(
		question(page, '2.2').getByLabel('Why are you withdrawing this flag?')
	).toBeFocused();
	await expect(page.getByTestId('raised-flag-2.2')).toBeVisible();
	await question(page, '2.2')
		.getByLabel('Why are you withdrawing this flag?')
		.fill('Agency cover confirmed during the call');
	await question(page, '2.2').getByRole('button', { name: 'Withdraw flag' }).click();
	await expect(page.getByTestId('flag-2.2')).toContainText(
		'A medium risk flag on this question was withdrawn: Agency cover confirmed during the call'
	);

	// Changing the answer keeps the flag it raised, and says how to remove it.
	await question(page, '2.1').getByRole('radio', { name: 'Yes', exact: true }).check();
	await expect(page.getByTestId('flag-answer-changed')).toContainText(
		'The answer no longer shows concern.'
	);
	await expect(page.getByTestId('raised-flag-2.1')).toContainText('High risk');
	await question(page, '2.1').getByRole('radio', { name: 'No', exact: true }).check();

	// The inspector can change what the answer raised.
	await question(page, '2.1').getByRole('radio', { name: 'Medium' }).check();
	await expectSaved(page);
	await page.reload();
	await expect(page.getByTestId('raised-flag-2.1')).toContainText('Medium risk');

	await page.goto(`/conversations/${id}/outcome`);
	await expect(page.getByTestId('outcome-suggestion')).toContainText(
		'The answers suggest the service needs support'
	);
	await expect(page.getByTestId('outcome-suggestion')).toContainText(
		'Question 2.1 was answered with serious concern.'
	);
	await page.getByRole('radio', { name: 'Managing' }).check();
	await page.getByRole('button', { name: 'Save and continue' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(
		'Explain why the service is managing when the answers suggest it needs support'
	);
	await expect(page).toHaveTitle(/^Error: /);
	await summary.getByRole('link').click();
	await expect(page.getByLabel('Reason for your decision')).toBeFocused();

	// The choice was saved all the same, and the task says it is not finished.
	await page.goto(`/conversations/${id}`);
	await expectTaskStatus(page, 'Outcome', 'In progress');
	await page.getByRole('link', { name: 'Check answers and complete' }).click();
	await page.getByRole('button', { name: 'Complete conversation' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'You cannot complete this conversation yet'
	);
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Explain why the service is managing'
	);

	await page.goto(`/conversations/${id}/outcome`);
	await page
		.getByLabel('Reason for your decision')
		.fill('Staffing gaps were covered by the provider group the same day');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await expectTaskStatus(page, 'Outcome', 'Completed');
	await answerEscalation(page, id);
	await page.goto(`/conversations/${id}`);
	await page.getByRole('link', { name: 'Check answers and complete' }).click();
	await page.getByRole('button', { name: 'Complete conversation' }).click();
	await expect(page.getByTestId('summary-outcome')).toContainText('The service is managing.');
});

test('a conversation cannot be completed with questions unanswered, and says which', async ({
	page
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Hackney');
	await page.goto(`/conversations/${id}/check`);
	await page.getByRole('button', { name: 'Complete conversation' }).click();
	const summary = page.locator('.govuk-error-summary');
	// The date and time start as the moment the conversation started; the rest is missing.
	await expect(summary).not.toContainText('date of the call');
	await expect(summary).toContainText('Select whether the call was by phone or video');
	await expect(summary).toContainText('Answer question 1.1');
	await expect(summary).toContainText('Select whether the service is managing or needs support');
	await summary.getByRole('link', { name: 'Answer question 1.1' }).click();
	await expect(page).toHaveURL(new RegExp(`/conversations/${id}/areas/1\\?question=1\\.1$`));
	await page.goto(`/conversations/${id}`);
	await expect(page.getByText('0 of 7 sections completed.')).toBeVisible();
});

test('bad call details get a clear message and what was typed is kept', async ({ page }) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.getByLabel('Day').fill('31');
	await page.getByLabel('Month').fill('4');
	await page.getByLabel('Year').fill('2020');
	await page.getByLabel('Time the call started').fill('25:99');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('Day must be a number from 1 to 30');
	await expect(summary).toContainText('Select whether the call was by phone or video');
	// Too long is refused with a reason, and the text stays where it was typed.
	const role = page.getByLabel('Their role');
	await role.fill('Registered manager '.repeat(11));
	await expect(page.locator('#person-role-error')).toContainText(
		'Keep the role under 200 characters'
	);
	await expect(page.getByTestId('person-role-count')).toHaveText('You have 9 characters too many');
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'held');
	await expect(role).toHaveValue('Registered manager '.repeat(11));
	await role.fill('Registered manager');
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
	await page.reload();
	await expect(page.getByLabel('Their role')).toHaveValue('Registered manager');
	await expect(page.getByLabel('Day')).toHaveValue('31');
	await expect(page.getByLabel('Time the call started')).toHaveValue('25:99');
	await expect(page).toHaveURL(new RegExp(`/conversations/${id}/call-details$`));
});
