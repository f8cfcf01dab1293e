import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { openApp } from '../steps/app';
import { expectDeviceMatchesServer, expectSynced } from '../steps/sync';
import { CALM_ANSWERS } from '../steps/area-answers';
import {
	answerArea,
	expectTaskStatus,
	fillCallDetails,
	question,
	startConversation
} from '../steps/conversation';

test('an inspector holds a whole conversation offline and nothing is lost', async ({ context }) => {
	let page = await context.newPage();
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');

	// Offline from here on: a new page at the conversation's address starts from the service worker.
	await context.setOffline(true);
	await page.close();
	page = await context.newPage();
	await page.goto(`/conversations/${id}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Larkspur House Care Home' })
	).toBeVisible();
	await expectTaskStatus(page, 'Call details', 'In progress');

	await fillCallDetails(page, id);
	await expectTaskStatus(page, 'Call details', 'Completed');
	await answerArea(page, id, '1', CALM_ANSWERS['1']!);
	await answerArea(page, id, '2', CALM_ANSWERS['2']!);

	// A reload in the middle of an area, straight after typing: the text is still there.
	await page.goto(`/conversations/${id}/areas/3`);
	await question(page, '3.1').getByRole('radio', { name: 'Yes', exact: true }).check();
	await question(page, '3.1').getByLabel('Notes').fill('Safeguarding lead trained in May');
	await page.reload();
	await expect(question(page, '3.1').getByLabel('Notes')).toHaveValue(
		'Safeguarding lead trained in May'
	);
	await expect(
		question(page, '3.1').getByRole('radio', { name: 'Yes', exact: true })
	).toBeChecked();
	await answerArea(page, id, '3', CALM_ANSWERS['3']!, false);

	// A risk flag the inspector raises by hand.
	await page.goto(`/conversations/${id}/areas/4`);
	await answerArea(page, id, '4', CALM_ANSWERS['4']!);
	await question(page, '4.2')
		.getByRole('button', { name: 'Raise a risk flag on question 4.2' })
		.click();
	await question(page, '4.2').getByRole('radio', { name: 'Low' }).check();
	await question(page, '4.2')
		.getByLabel('Why is this a risk?')
		.fill('Provider audits paused since March');
	await question(page, '4.2').getByRole('button', { name: 'Raise flag' }).click();
	await expect(page.getByTestId('raised-flag-4.2')).toContainText('Low risk');

	// Close the tab and come back: everything is there.
	await page.close();
	page = await context.newPage();
	await page.goto(`/conversations/${id}`);
	for (const area of [
		'1. Safe care and treatment',
		'2. Staffing arrangements',
		'3. Protection from abuse'
	]) {
		await expectTaskStatus(page, area, 'Completed');
	}
	await page.goto(`/conversations/${id}/areas/1`);
	await expect(question(page, '1.4').getByLabel('Notes')).toHaveValue('Notes for 1.4: Yes');
	await page.goto(`/conversations/${id}/areas/4`);
	await expect(page.getByTestId('raised-flag-4.2')).toContainText('Low risk');
	await expect(question(page, '4.2').getByLabel('Why is this a risk?')).toHaveValue(
		'Provider audits paused since March'
	);

	await page.goto(`/conversations/${id}/risks`);
	await page.getByLabel('Internal risks and challenges').fill('Two senior carers shielding');
	await page
		.getByLabel('External risks and challenges')
		.fill('Local testing site closed at weekends');
	await page
		.getByLabel('Good practice and innovative ways of responding to challenges')
		.fill('Video calls with families every day');
	await page.getByRole('checkbox', { name: 'National PPE portal' }).check();
	await page
		.getByRole('group', { name: 'Does anything need urgent escalation?' })
		.getByRole('radio', { name: 'No', exact: true })
		.check();
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.waitForURL(new RegExp(`/conversations/${id}$`));
	await page.goto(`/conversations/${id}/outcome`);
	await page.getByRole('radio', { name: 'Managing (suggested)' }).check();
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.waitForURL(new RegExp(`/conversations/${id}$`));
	await expectTaskStatus(page, 'Outcome', 'Completed');

	await page.getByRole('link', { name: 'Check answers and complete' }).click();
	await page.getByRole('button', { name: 'Complete conversation' }).click();
	await page.waitForURL(/\/summary\?completed=1$/);
	await expect(page.getByRole('heading', { name: 'Conversation completed' })).toBeVisible();
	await expect(page.getByTestId('standard-wording-1.1')).toHaveText(
		'Infection risks to people using the service are being thoroughly assessed and managed.'
	);
	await expect(page.getByTestId('summary-outcome')).toContainText('The service is managing.');
	await expect(page.getByText('Video calls with families every day')).toBeVisible();
	await expect(page.getByText('National PPE portal')).toBeVisible();

	// The printed record leaves out the app around it.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Menu' })).toBeHidden();
	await expect(
		page.getByRole('heading', { name: 'Summary record of our conversation' })
	).toBeVisible();
	await page.pdf({ path: 'test-results/summary-record.pdf', format: 'A4' });
	await page.emulateMedia({ media: 'screen' });

	// Completed means read-only: the record reads as text, after a reload offline too.
	await page.goto(`/conversations/${id}/areas/4?question=4.2`);
	await expect(
		page.getByText('This conversation is completed and can no longer be changed.')
	).toBeVisible();
	await expect(page.getByRole('main').getByRole('radio')).toHaveCount(0);
	await expect(page.getByRole('main').getByRole('textbox')).toHaveCount(0);
	await expect(
		page.getByRole('main').getByRole('button', { name: /save|raise|clear|withdraw|change/i })
	).toHaveCount(0);
	await expect(question(page, '4.2')).toContainText('Answer Yes');
	await expect(question(page, '4.2')).toContainText('Risk flag Low risk');
	await expect(question(page, '4.2')).toContainText('Provider audits paused since March');
	// Every question is on one page at this width; the one asked for is where focus starts.
	await expect(page.locator('#question-4\\.2-heading, [id="question-4.2-heading"]')).toBeFocused();
	await saveScreenshot(page, 'completed-area');
	// On a phone, one question a screen, as text, with the way back instead of "Save and next".
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`/conversations/${id}/areas/4?question=4.2`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Question 4.2');
	await expect(question(page, '4.2')).toContainText('Provider audits paused since March');
	await expect(page.getByRole('main').getByRole('radio')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Back to tasks' }).last()).toBeVisible();
	await expectNoAxeViolations(page, 'a completed question at 360px');
	await saveScreenshot(page, 'completed-question');
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/');
	await expect(page.getByTestId('conversation-list')).toContainText('Completed');
	const uploadState = page
		.getByRole('listitem')
		.filter({ has: page.locator(`a[href="/conversations/${id}"]`) })
		.getByTestId('upload-state');
	await expect(uploadState).toHaveText('On this device only.');
	await expect(page.getByTestId('sync-status')).toContainText(
		/Offline: \d+ changes saved on this device/
	);

	// Back online: everything uploads, and the server holds exactly what the device shows.
	await context.setOffline(false);
	await expectSynced(page);
	await expect(uploadState).toHaveText('Uploaded.');
	const device = await expectDeviceMatchesServer(page);
	expect(device.conversations.map((conversation) => conversation.id)).toContain(id);
	expect(device.outbox.length).toBeGreaterThan(20);
	expect(device.rejected).toEqual([]);
});
