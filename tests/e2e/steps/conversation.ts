import { expect, type Page } from '@playwright/test';
import { conversationIdFrom, expectSaved } from './app';

export async function startConversation(page: Page, search: string): Promise<string> {
	await page.goto('/');
	await page.getByRole('link', { name: 'Start a new conversation' }).click();
	await page.getByLabel('Find the location').fill(search);
	await page.getByRole('group', { name: 'Select the location' }).getByRole('radio').first().check();
	await page.getByRole('button', { name: 'Start conversation' }).click();
	await page.waitForURL(/\/call-details$/);
	return conversationIdFrom(page);
}

export async function fillCallDetails(page: Page, id: string): Promise<void> {
	await page.goto(`/conversations/${id}/call-details`);
	await page.getByLabel('Day').fill('4');
	await page.getByLabel('Month').fill('5');
	await page.getByLabel('Year').fill('2020');
	await page.getByLabel('Time the call started').fill('10:30');
	await page.getByRole('radio', { name: 'Video' }).check();
	await page.getByLabel('Name of the person you spoke to').fill('Alex Example');
	await page.getByLabel('Their role').fill('Registered manager');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.waitForURL(new RegExp(`/conversations/${id}$`));
}

export const question = (page: Page, questionId: string) =>
	page.locator(`[data-question-id="${questionId}"]`);

/** Answers one question on the page (choosing the option by its label), with notes if given. */
export async function answerQuestion(
	page: Page,
	questionId: string,
	label: string,
	notes?: string
): Promise<void> {
	const section = question(page, questionId);
	const radio = section.getByRole('radio', { name: label, exact: true });
	let changed = !(await radio.isChecked());
	await radio.check();
	if (notes !== undefined && (await section.getByLabel('Notes').inputValue()) !== notes) {
		await section.getByLabel('Notes').fill(notes);
		await section.getByLabel('Notes').blur();
		changed = true;
	}
	if (changed) await expectSaved(page);
}

const questionNumber = (questionId: string) => Number(questionId.split('.')[1]);

/** Answers every question of an area; `labels` maps question ids to option labels. */
export async function answerArea(
	page: Page,
	id: string,
	areaId: string,
	labels: Record<string, string>,
	notes = true
) {
	// Phones show one question per screen, wider screens the whole area.
	const wide = (page.viewportSize()?.width ?? 1280) > 640;
	const entries = Object.entries(labels);
	await page.goto(
		`/conversations/${id}/areas/${areaId}${wide ? '' : `?question=${entries[0]![0]}`}`
	);
	for (const [index, [questionId, label]] of entries.entries()) {
		// On a phone the next question is reached as a person does, with the button.
		const follows =
			index > 0 && questionNumber(questionId) === questionNumber(entries[index - 1]![0]) + 1;
		if (!wide && follows) {
			await page.getByRole('button', { name: 'Save and next question' }).click();
			await expect(question(page, questionId)).toBeVisible();
		} else if (!wide && index > 0) {
			await page.goto(`/conversations/${id}/areas/${areaId}?question=${questionId}`);
		}
		await answerQuestion(
			page,
			questionId,
			label,
			notes ? `Notes for ${questionId}: ${label}` : undefined
		);
	}
}

/** Answers the urgent escalation question on the risks page, which completion needs. */
export async function answerEscalation(page: Page, id: string, urgent: 'Yes' | 'No' = 'No') {
	await page.goto(`/conversations/${id}/risks`);
	await page
		.getByRole('group', { name: 'Does anything need urgent escalation?' })
		.getByRole('radio', { name: urgent, exact: true })
		.check();
	await expectSaved(page);
}

export async function chooseOutcome(
	page: Page,
	id: string,
	decision: 'Managing' | 'Needs support',
	reason = ''
) {
	await page.goto(`/conversations/${id}/outcome`);
	await page.getByRole('radio', { name: new RegExp(`^${decision}`) }).check();
	await page.getByLabel('Reason for your decision').fill(reason);
	await page.getByRole('button', { name: 'Save and continue' }).click();
}

export async function expectTaskStatus(page: Page, task: string, status: string) {
	const item = page.locator('.govuk-task-list__item', {
		has: page.getByRole('link', { name: task })
	});
	await expect(item.locator('.govuk-task-list__status')).toHaveText(status);
}

/** What a person presses to leave an area: the big button on a phone, the last link on a laptop. */
export async function moveOnFromArea(page: Page) {
	const phone = (page.viewportSize()?.width ?? 1280) <= 640;
	if (phone) await page.getByRole('button', { name: 'Save and next question' }).click();
	else await page.getByRole('link', { name: 'Back to tasks' }).last().click();
}
