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
	if (wide) await page.goto(`/conversations/${id}/areas/${areaId}`);
	for (const [questionId, label] of Object.entries(labels)) {
		if (!wide) await page.goto(`/conversations/${id}/areas/${areaId}?question=${questionId}`);
		await answerQuestion(
			page,
			questionId,
			label,
			notes ? `Notes for ${questionId}: ${label}` : undefined
		);
	}
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
