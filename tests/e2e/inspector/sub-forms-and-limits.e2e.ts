import { expect, test, type Page } from '@playwright/test';
import { openApp } from '../steps/app';
import { CALM_ANSWERS } from '../steps/area-answers';
import {
	answerArea,
	chooseOutcome,
	fillCallDetails,
	moveOnFromArea,
	question,
	startConversation
} from '../steps/conversation';

const VIEWPORTS = [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
];

async function openQuestion(page: Page, id: string, questionId: string) {
	await page.goto(`/conversations/${id}/areas/${questionId.split('.')[0]}?question=${questionId}`);
	await expect(question(page, questionId)).toBeVisible();
}

const summary = (page: Page) => page.locator('.govuk-error-summary');

for (const viewport of VIEWPORTS) {
	test.describe(`at ${viewport.width}px`, () => {
		test.use({ viewport });

		test('moving on with a half-finished risk flag stops with a message, and the flag is kept', async ({
			page
		}) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await openQuestion(page, id, '2.1');
			const form = question(page, '2.1');
			await form.getByRole('button', { name: 'Raise a risk flag on question 2.1' }).click();
			await form.getByRole('radio', { name: 'Medium' }).check();
			await form.getByLabel('Why is this a risk?').fill('Agency staff do not know the residents');
			await moveOnFromArea(page);
			await expect(summary(page)).toBeFocused();
			await expect(summary(page)).toContainText('Raise or cancel the risk flag on question 2.1');
			await expect(page).toHaveURL(/areas\/2/);
			await expect(page).toHaveURL(/question=2\.1|areas\/2$/);

			// The half-finished flag is on the device, severity included.
			await page.reload();
			await expect(form.getByRole('radio', { name: 'Medium' })).toBeChecked();
			await expect(form.getByLabel('Why is this a risk?')).toHaveValue(
				'Agency staff do not know the residents'
			);
			await form.getByRole('button', { name: 'Raise flag' }).click();
			await expect(page.getByTestId('raised-flag-2.1')).toContainText('Medium risk');

			// A withdrawal started and left open stops the move too.
			await form.getByRole('button', { name: 'Withdraw this flag' }).click();
			await form
				.getByLabel('Why are you withdrawing this flag?')
				.fill('Raised on the wrong question');
			await moveOnFromArea(page);
			await expect(summary(page)).toContainText('Withdraw the flag on question 2.1, or keep it');
			await page.reload();
			await expect(form.getByLabel('Why are you withdrawing this flag?')).toHaveValue(
				'Raised on the wrong question'
			);
			await form.getByRole('button', { name: 'Keep flag' }).click();
			await moveOnFromArea(page);
			await expect(page).not.toHaveURL(/question=2\.1$/);
			await page.goto(`/conversations/${id}/check`);
			await expect(page.getByText('Medium risk')).toBeVisible();
		});

		test('no choice is made for the person, and completion asks for the urgent escalation answer', async ({
			page
		}) => {
			test.setTimeout(180_000);
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			for (const path of ['call-details', 'areas/1', 'areas/2?question=2.1', 'risks', 'outcome']) {
				await page.goto(`/conversations/${id}/${path}`);
				await expect(page.locator('main h1')).toBeVisible();
				await expect(page.locator('input[type="radio"]:checked')).toHaveCount(0);
			}
			await fillCallDetails(page, id);
			for (const [area, labels] of Object.entries(CALM_ANSWERS)) {
				await answerArea(page, id, area, labels, false);
			}
			await chooseOutcome(page, id, 'Managing');
			await page.goto(`/conversations/${id}/check`);
			await expect(
				page.locator('.govuk-summary-list__row', { hasText: 'Urgent escalation' })
			).toContainText('Not answered');
			await page.getByRole('button', { name: 'Complete conversation' }).click();
			await expect(summary(page)).toContainText('Select whether anything needs urgent escalation');
			await summary(page)
				.getByRole('link', { name: 'Select whether anything needs urgent escalation' })
				.click();
			await expect(page).toHaveURL(new RegExp(`/conversations/${id}/risks`));
		});

		test('text over a limit is refused at the field and kept, and nothing else on the page is lost', async ({
			page
		}) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await openQuestion(page, id, '2.1');
			const form = question(page, '2.1');
			await form.getByRole('radio', { name: 'No', exact: true }).check();
			const notes = form.getByLabel('Notes');
			await notes.fill('n'.repeat(20_100));
			await expect(page.getByTestId('question-2.1-notes-count')).toHaveText(
				'You have 100 characters too many'
			);
			await expect(form.locator('#question-2\\.1-notes-error')).toContainText(
				'Keep this under 20,000 characters'
			);
			await moveOnFromArea(page);
			await expect(summary(page)).toContainText(
				'Notes on question 2.1: Keep this under 20,000 characters'
			);
			await page.reload();
			await expect(notes).toHaveValue('n'.repeat(20_100));
			await expect(form.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
			await page.goto(`/conversations/${id}/check`);
			await page.getByRole('button', { name: 'Complete conversation' }).click();
			await expect(summary(page)).toContainText(
				'Question 2.1 has changes that are not in the record yet'
			);

			// The flag the concern answer raised keeps an over-long reason as a draft too.
			await openQuestion(page, id, '2.1');
			await form.getByLabel('Why is this a risk?').fill('r'.repeat(2_001));
			await expect(form.locator('#question-2\\.1-flag-reason-error')).toContainText(
				'Keep the reason under 2,000 characters'
			);
			await notes.fill('Shortened notes');
			await expect(form.locator('#question-2\\.1-notes-error')).toHaveCount(0);
			await page.reload();
			await expect(form.getByLabel('Why is this a risk?')).toHaveValue('r'.repeat(2_001));
			await expect(notes).toHaveValue('Shortened notes');

			// Call details: a name over its limit never costs the role typed after it.
			await page.goto(`/conversations/${id}/call-details`);
			await page.getByLabel('Name of the person you spoke to').fill('A'.repeat(201));
			await page.getByLabel('Their role').fill('Deputy manager');
			await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'held');
			await page.getByRole('button', { name: 'Save and continue' }).click();
			await expect(summary(page)).toContainText(
				'Name of the person you spoke to: Keep the name under 200 characters'
			);
			await page.reload();
			await expect(page.getByLabel('Their role')).toHaveValue('Deputy manager');
			await expect(page.getByLabel('Name of the person you spoke to')).toHaveValue('A'.repeat(201));
		});
	});
}
