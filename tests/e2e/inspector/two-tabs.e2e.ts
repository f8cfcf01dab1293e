import { expect, test } from '@playwright/test';
import { expectSaved, openApp } from '../steps/app';
import { moveOnFromArea, question, startConversation } from '../steps/conversation';

for (const viewport of [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
]) {
	test(`two tabs on one conversation show each other's changes, and never overwrite text unseen, at ${viewport.width}px`, async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport });
		const first = await context.newPage();
		await openApp(first);
		const id = await startConversation(first, 'Larkspur');
		const address = `/conversations/${id}/areas/1?question=1.1`;
		await first.goto(address);
		const second = await context.newPage();
		await second.goto(address);
		const notesIn = (page: typeof first) => question(page, '1.1').getByLabel('Notes');

		// A change in one tab shows in the other without a reload.
		await notesIn(first).fill('Typed in the first tab');
		await expect(notesIn(second)).toHaveValue('Typed in the first tab');
		await question(second, '1.1').getByRole('radio', { name: 'Partly', exact: true }).check();
		await expect(
			question(first, '1.1').getByRole('radio', { name: 'Partly', exact: true })
		).toBeChecked();
		await notesIn(second).pressSequentially(', then the second');
		await expect(notesIn(first)).toHaveValue('Typed in the first tab, then the second');

		// The second tab holds text the record cannot take yet when the first changes the notes:
		// the second shows the new notes at once and keeps its person's text beside them.
		const tooLong = 'Mine, far too long. '.repeat(1_001);
		await notesIn(second).fill(tooLong);
		await expect(second.locator('#question-1\\.1-notes-error')).toBeVisible();
		await notesIn(first).fill('Changed in the first tab meanwhile');
		await expect(notesIn(second)).toHaveValue('Changed in the first tab meanwhile');
		const kept = second.getByTestId('conflict-answer:1.1-notes');
		await expect(kept).toContainText('Mine, far too long.');
		await expect(second.locator('.govuk-error-summary')).toHaveCount(0);
		await moveOnFromArea(second);
		await expect(second.locator('.govuk-error-summary')).toContainText(
			'Notes on question 1.1 changed elsewhere: choose which to keep'
		);

		// What the person had is still theirs after a reload, and they choose it.
		await second.reload();
		await expect(notesIn(second)).toHaveValue('Changed in the first tab meanwhile');
		await expect(kept).toContainText('Mine, far too long.');
		await second
			.getByRole('button', { name: 'Use what I had for the notes on question 1.1' })
			.click();
		await expect(notesIn(second)).toHaveValue(tooLong);
		await notesIn(second).fill('Mine, shortened');
		await expect(notesIn(first)).toHaveValue('Mine, shortened');
		await expect(kept).toHaveCount(0);
		await expectSaved(second);
		await context.close();
	});
}
