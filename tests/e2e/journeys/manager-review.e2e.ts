import { expect, test } from '@playwright/test';
import { openApp, signIn } from '../steps/app';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { answerQuestion, question, startConversation } from '../steps/conversation';
import { tabAndPress, tabAndType, tabToRadio } from '../steps/keyboard';
import { daysFromToday, expectFlagStatus, openManager } from '../steps/review';
import { expectSynced, readDevice } from '../steps/sync';

const TABLET = { width: 768, height: 1024 };

test('a concern recorded offline reaches a manager, who escalates it and sends a question back; the inspector sees the decision and amends', async ({
	browser,
	context
}) => {
	test.setTimeout(240_000);
	// The inspector, offline, answers 1.1 with serious concern: the answer raises a high flag.
	const inspector = await context.newPage();
	await openApp(inspector);
	const id = await startConversation(inspector, 'Larkspur');
	await context.setOffline(true);
	await inspector.goto(`/conversations/${id}/areas/1`);
	await answerQuestion(inspector, '1.1', 'No', 'No isolation plan for the top floor');
	await expect(inspector.getByTestId('raised-flag-1.1')).toContainText('High risk');
	await context.setOffline(false);
	await expectSynced(inspector);

	// The manager finds it in the queue with a search and a filter that stay in the address.
	const { context: desk, page: manager } = await openManager(browser);
	await manager.goto('/review');
	await manager.getByLabel('Location name, ID or postcode').fill('Larkspur');
	await manager
		.getByRole('group', { name: 'Severity' })
		.getByRole('checkbox', { name: /^High/ })
		.check();
	await manager.getByRole('button', { name: 'Apply filters' }).click();
	await expect(manager).toHaveURL(/[?&]q=Larkspur/);
	await expect(manager).toHaveURL(/[?&]severity=high/);
	// Other tests flag Larkspur's question 1.1 on this server too: this row is this conversation's.
	const row = manager
		.getByTestId('flag-queue')
		.getByRole('row')
		.filter({ hasText: 'Question 1.1' })
		.filter({ has: manager.locator(`a[href^="/review/conversations/${id}/"]`) });
	await expect(row).toContainText('Larkspur House Care Home');
	await expect(row).toContainText('Open');
	await expect(row).toContainText("Inspector's notes: No isolation plan for the top floor");
	for (const viewport of [{ width: 1280, height: 800 }, TABLET]) {
		await manager.setViewportSize(viewport);
		await expectNoAxeViolations(manager, `review queue at ${viewport.width}`);
		await saveScreenshot(manager, 'review-queue');
	}
	await manager.setViewportSize({ width: 1280, height: 800 });

	// Escalation with a follow-up due in 7 days, by keyboard only.
	await row.getByRole('link', { name: /Larkspur House Care Home/ }).click();
	await expect(
		manager.getByRole('heading', { level: 1, name: 'Flag on question 1.1' })
	).toBeVisible();
	await expectNoAxeViolations(manager, 'flag review page');
	await expect(manager.getByTestId('flag-summary')).toContainText(
		'No isolation plan for the top floor'
	);
	const due = daysFromToday(7);
	await tabToRadio(manager, manager.getByRole('radio', { name: 'Escalate' }));
	await tabAndType(manager, manager.getByLabel('Escalate to'), 'Local');
	await tabToRadio(manager, manager.getByRole('radio', { name: 'Urgent' }));
	await tabAndType(manager, manager.getByLabel('Who follows it up'), 'Mina');
	await tabAndType(manager, manager.getByLabel('Day'), due.day);
	await tabAndType(manager, manager.getByLabel('Month'), due.month);
	await tabAndType(manager, manager.getByLabel('Year'), due.year);
	await tabAndType(
		manager,
		manager.getByLabel('Note for the audit trail'),
		'Passed to the DASS delegate'
	);
	await tabAndPress(manager, manager.getByRole('button', { name: 'Save decision' }), 'Enter');
	await expect(manager.getByText('The flag was updated.')).toBeVisible();
	await expectFlagStatus(manager, 'Escalated');
	await expect(manager.getByTestId('flag-summary')).toContainText(
		"Local authority's adult social services (urgent)"
	);
	// The trail says what was decided: to whom, how urgently, who follows it up and by when.
	await expect(manager.getByTestId('audit-trail')).toContainText(
		"Open to Escalated: escalated to Local authority's adult social services, urgently; followed up by Mina Manager, due"
	);
	for (const viewport of [{ width: 1280, height: 800 }, TABLET]) {
		await manager.setViewportSize(viewport);
		await saveScreenshot(manager, 'review-flag');
	}
	await manager.setViewportSize({ width: 1280, height: 800 });
	// An urgent escalation is among what needs attention.
	await manager.goto('/review');
	await manager.getByRole('link', { name: 'Needs attention' }).click();
	await expect(manager).toHaveURL(/[?&]attention=yes/);
	await expect(manager.getByLabel('Needs attention only')).toBeChecked();
	await expectNoAxeViolations(manager, 'flags that need attention');
	// Other tests' flags share this server, so the whole list is read from its CSV.
	const attentionCsv = await manager.request.get('/review/export.csv?attention=yes');
	expect(await attentionCsv.text()).toContain(`${id}:1.1`);

	// The inspector's device shows the decision after its next sync.
	await inspector.goto(`/conversations/${id}`);
	await expectSynced(inspector);
	const decision = inspector.getByTestId('flag-decision-1.1');
	await expect(decision).toContainText(
		"Escalated to Local authority's adult social services (urgent)"
	);
	await expect(decision).toContainText('Passed to the DASS delegate');
	for (const viewport of [
		{ width: 360, height: 740 },
		{ width: 1280, height: 800 }
	]) {
		await inspector.setViewportSize(viewport);
		await expectNoAxeViolations(inspector, `manager's decision on the device at ${viewport.width}`);
		await saveScreenshot(inspector, 'inspector-manager-review');
	}

	// The manager sends question 1.1 back.
	await manager.goto(`/review/conversations/${id}`);
	await expectNoAxeViolations(manager, 'conversation detail');
	await manager.getByRole('link', { name: 'Send back question 1.1 to the inspector' }).click();
	await manager
		.getByLabel('What should the inspector look at again?')
		.fill('Is the plan missing for every floor?');
	await manager.getByRole('button', { name: 'Send back to the inspector' }).click();
	await expect(manager.getByText('Question 1.1 was sent back')).toBeVisible();

	// The inspector amends it, offline, and the amendment uploads when back online.
	await expectSynced(inspector);
	await inspector.getByRole('link', { name: 'Amend your answer to question 1.1' }).click();
	await expect(
		inspector.getByText('Mina Manager asked: “Is the plan missing for every floor?”')
	).toBeVisible();
	await expectNoAxeViolations(inspector, 'amend page');
	await context.setOffline(true);
	await inspector.getByRole('radio', { name: 'Partly' }).check();
	await inspector.getByLabel('Notes').fill('Plan exists for the ground floor only');
	await inspector
		.getByLabel('Reply to your manager (optional)')
		.fill('Checked with the registered manager');
	// Leaving the amendment half-done stops with a message, and it is kept on the device.
	await inspector.getByRole('link', { name: 'Back to the conversation' }).click();
	await expect(inspector.locator('.govuk-error-summary')).toContainText(
		'Save or cancel your amendment of question 1.1'
	);
	await inspector.reload();
	await expect(inspector.getByRole('radio', { name: 'Partly' })).toBeChecked();
	await expect(inspector.getByLabel('Reply to your manager (optional)')).toHaveValue(
		'Checked with the registered manager'
	);
	await inspector.getByRole('button', { name: 'Save amended answer' }).click();
	await expect(inspector.getByText('Your amended answer is saved on this device')).toBeVisible();
	await inspector.goto(`/conversations/${id}/areas/1`);
	await expect(
		question(inspector, '1.1').getByRole('radio', { name: 'Partly', exact: true })
	).toBeChecked();
	await context.setOffline(false);
	await expectSynced(inspector);

	// The manager sees the amendment in the queue and the earlier answer in the history.
	await manager.goto('/review?view=conversations&q=Larkspur');
	await expect(manager.getByTestId('conversation-queue')).toContainText('Amended by inspector');
	await manager.goto(`/review/conversations/${id}`);
	await expect(manager.locator('#question-1\\.1')).toContainText('Partly');
	await expect(manager.locator('#question-1\\.1')).toContainText(
		'Checked with the registered manager'
	);
	await manager.getByText('History of question 1.1').click();
	const history = manager.locator('#question-1\\.1 ol li');
	await expect(history.filter({ hasText: 'No – No isolation plan for the top floor' })).toHaveCount(
		1
	);
	await expect(history.last()).toContainText('Partly – Plan exists for the ground floor only');
	await expect(manager.getByTestId('audit-trail')).toContainText(
		'Question 1.1 amended by the inspector'
	);
	await expect(manager.getByText('Answer amended: confirm severity')).toBeVisible();
	// The summary record, for the manager and on the inspector's device, marks the amendment
	// with its date and the wording first recorded.
	const firstRecorded =
		'The answer first recorded was: Infection risks to people using the service are not being thoroughly assessed and managed.';
	await manager.goto(`/review/conversations/${id}/summary`);
	await expect(manager.getByTestId('standard-wording-1.1')).toContainText(
		'being assessed and managed, but some aspects need to be strengthened.'
	);
	await expect(manager.getByTestId('amended-1.1')).toContainText(firstRecorded);
	await expect(manager.getByTestId('amended-1.1')).toContainText(/Amended \d{1,2} \w+ \d{4} at/);
	await expectNoAxeViolations(manager, 'the summary record with an amended answer');
	await inspector.goto(`/conversations/${id}/summary`);
	await expect(inspector.getByTestId('amended-1.1')).toContainText(firstRecorded);
	// The flag was raised on the earlier answer: the manager weighs its severity against the new one.
	await manager.goto(`/review/conversations/${id}/flags/1.1`);
	const amended = manager.getByTestId('amended-answer');
	await expect(amended).toContainText('Answer amended: No → Partly');
	await expectNoAxeViolations(manager, 'a flag whose answer was amended');
	await saveScreenshot(manager, 'review-flag-amended');
	await amended.getByRole('radio', { name: 'Medium' }).check();
	await amended.getByRole('button', { name: 'Confirm severity' }).click();
	await expect(manager.getByText('The severity was recorded.')).toBeVisible();
	await expect(manager.getByTestId('amended-answer')).toHaveCount(0);
	await expect(manager.getByTestId('flag-summary')).toContainText('Medium');
	await expect(manager.getByTestId('audit-trail')).toContainText(
		'Flag on question 1.1 changed from high to medium after the answer was amended from No to Partly'
	);
	// The audit trail, downloaded, holds the same events in the same words.
	const audit = await manager.request.get(`/review/audit.csv?conversation=${id}`);
	expect(audit.headers()['content-type']).toContain('text/csv');
	const auditText = await audit.text();
	for (const entry of [
		'High flag on question 1.1 raised by the answer given',
		'Flag on question 1.1: Open to Escalated',
		'Question 1.1 sent back to the inspector',
		'Question 1.1 amended by the inspector',
		'Flag on question 1.1 changed from high to medium after the answer was amended from No to Partly'
	]) {
		expect(auditText).toContain(entry);
	}
	expect((await manager.request.get('/review/audit.csv?conversation=nope')).status()).toBe(400);
	await expectSynced(inspector);
	const held = (await readDevice(inspector)).conversations.find((found) => found.id === id) as
		{ flags: Record<string, unknown> } | undefined;
	expect(held?.flags['1.1']).toMatchObject({ severity: 'medium' });
	await manager.goto(`/review/conversations/${id}`);
	for (const viewport of [{ width: 1280, height: 800 }, TABLET]) {
		await manager.setViewportSize(viewport);
		await expectNoAxeViolations(manager, `conversation detail at ${viewport.width}`);
		await saveScreenshot(manager, 'review-conversation');
	}
	// Marked reviewed, with a note, it leaves the list of conversations that need review.
	await manager.goto(`/review/conversations/${id}`);
	await manager.getByRole('button', { name: 'Mark as reviewed' }).click();
	await expect(manager.locator('.govuk-error-summary')).toContainText(
		'Enter what you looked at and decided'
	);
	await manager
		.getByLabel('What did you look at and decide?')
		.fill('Amendment checked: plan exists for the ground floor');
	await manager.getByRole('button', { name: 'Mark as reviewed' }).click();
	await expect(manager.getByText('Marked reviewed. It is off the list')).toBeVisible();
	await expect(manager.getByTestId('audit-trail')).toContainText('Conversation marked reviewed');
	await expectNoAxeViolations(manager, 'a conversation marked reviewed');
	await manager.goto('/review?view=conversations&q=Larkspur');
	await expect(manager.getByTestId('queue-count')).toBeVisible();
	await expect(manager.locator(`a[href="/review/conversations/${id}"]`)).toHaveCount(0);

	// The administrator sees the follow-up on the page of the person who has it.
	const office = await browser.newContext();
	const admin = await office.newPage();
	await signIn(admin, 'admin@example.test');
	await admin.goto('/admin/users');
	await admin.getByRole('link', { name: 'Mina Manager' }).click();
	await expect(admin.getByTestId('assigned-follow-ups')).toContainText(
		'Larkspur House Care Home, question 1.1'
	);
	await expectNoAxeViolations(admin, 'a person with follow-ups');
	await office.close();

	// Dark mode, as a device set to it shows the review pages.
	await manager.emulateMedia({ colorScheme: 'dark' });
	for (const path of [
		'/review',
		'/review?view=conversations',
		`/review/conversations/${id}`,
		`/review/conversations/${id}/flags/1.1`,
		'/review/charts'
	]) {
		await manager.goto(path);
		await expectNoAxeViolations(manager, `${path} in dark mode`);
	}
	await saveScreenshot(manager, 'review-charts-dark');
	await manager.emulateMedia({ colorScheme: 'light' });
	await manager.goto('/review/charts');
	await expectNoAxeViolations(manager, 'charts');
	await saveScreenshot(manager, 'review-charts');
	await manager.setViewportSize({ width: 1280, height: 800 });
	await saveScreenshot(manager, 'review-charts');
	await desk.close();
});
