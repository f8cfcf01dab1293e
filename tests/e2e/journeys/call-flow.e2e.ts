import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectSaved, openApp } from '../steps/app';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { fillCallDetails, question, startConversation } from '../steps/conversation';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

test.describe('focus after a page change', () => {
	test('on a laptop, each page change puts focus on the new page heading', async ({ page }) => {
		await openApp(page);
		await page.getByRole('link', { name: 'Start a new conversation' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Start a conversation' })
		).toBeFocused();
		await page.getByLabel('Find the location').fill('Larkspur');
		await page
			.getByRole('group', { name: 'Select the location' })
			.getByRole('radio')
			.first()
			.check();
		await page.getByRole('button', { name: 'Start conversation' }).click();
		await page.waitForURL(/\/call-details$/);
		await expect(page.locator('main h1')).toBeFocused();
		await page.goBack();
		await expect(page.locator('main h1')).toBeFocused();
		await expectNoAxeViolations(page, 'the page after going back');
	});

	test.describe('on a phone', () => {
		test.use(PHONE);
		test('the next question has focus after "Save and next question"', async ({ page }) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await fillCallDetails(page, id);
			await page.getByRole('link', { name: '1. Safe care and treatment' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Question 1.1' })).toBeFocused();
			await question(page, '1.1').getByRole('radio', { name: 'Yes', exact: true }).check();
			await page.getByRole('button', { name: 'Save and next question' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Question 1.2' })).toBeFocused();
			// The next Tab lands in the question, not in the header.
			await page.keyboard.press('Tab');
			const inQuestion = await question(page, '1.2').evaluate((section) =>
				section.contains(document.activeElement)
			);
			expect(inQuestion).toBe(true);
			await expectNoAxeViolations(page, 'question 1.2 on a phone');
		});
	});
});

test.describe('moving through a conversation', () => {
	test('"Change" from check answers comes back to check answers after saving', async ({ page }) => {
		await openApp(page);
		const id = await startConversation(page, 'Larkspur');
		await fillCallDetails(page, id);
		await page.goto(`/conversations/${id}/check`);
		await page.getByRole('link', { name: 'Change answer to question 2.3' }).click();
		await question(page, '2.3').getByRole('radio', { name: 'Yes', exact: true }).check();
		await page.getByRole('button', { name: 'Save and return to check answers' }).click();
		await page.waitForURL(new RegExp(`/conversations/${id}/check$`));
		await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeFocused();

		await page.getByRole('link', { name: 'Change how' }).click();
		await page.getByRole('radio', { name: 'Phone' }).check();
		await page.getByRole('button', { name: 'Save and continue' }).click();
		await page.waitForURL(new RegExp(`/conversations/${id}/check$`));
		await expect(
			page
				.locator('.govuk-summary-list__row')
				.filter({ has: page.locator('dt', { hasText: /^How$/ }) })
				.locator('.govuk-summary-list__value')
		).toHaveText('Phone');

		// Reached from the task list, the same page moves on to the tasks as before.
		await page.goto(`/conversations/${id}/call-details`);
		await page.getByRole('button', { name: 'Save and continue' }).click();
		await page.waitForURL(new RegExp(`/conversations/${id}$`));
	});

	test.describe('on a phone', () => {
		test.use(PHONE);

		test('the change link on a phone returns to check answers too', async ({ page }) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await fillCallDetails(page, id);
			await page.goto(`/conversations/${id}/check`);
			await page.getByRole('link', { name: 'Change answer to question 1.5' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Question 1.5' })).toBeVisible();
			await question(page, '1.5').getByRole('radio', { name: 'Yes', exact: true }).check();
			await page.getByRole('button', { name: 'Save and return to check answers' }).click();
			await page.waitForURL(new RegExp(`/conversations/${id}/check$`));
		});

		test('"Save and next question" on an area\'s last question opens the next area', async ({
			page
		}) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await fillCallDetails(page, id);
			await page.goto(`/conversations/${id}/areas/1?question=1.5`);
			await page.getByRole('button', { name: 'Save and next question' }).click();
			await expect(page).toHaveURL(new RegExp(`/areas/2\\?question=2\\.1$`));
			await expect(page.getByRole('heading', { level: 1, name: 'Question 2.1' })).toBeFocused();
			await expect(page.getByText('2. Staffing arrangements · question 1 of 3')).toBeVisible();
			// After the last area's last question come the tasks.
			await page.goto(`/conversations/${id}/areas/4?question=4.4`);
			await page.getByRole('button', { name: 'Save and back to tasks' }).click();
			await expect(page).toHaveURL(new RegExp(`/conversations/${id}$`));
		});

		test('signing in again returns to the very question', async ({ page, context }) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await page.goto(`/conversations/${id}/areas/1?question=1.3`);
			await expect(page.getByRole('heading', { level: 1, name: 'Question 1.3' })).toBeVisible();
			await context.clearCookies();
			const status = page.getByTestId('sync-status');
			// On a phone "Sync now" is behind the status's one line.
			await status.getByRole('button', { name: 'Details of uploads' }).click();
			await expect(async () => {
				const syncNow = status.getByRole('button', { name: 'Sync now' });
				if (await syncNow.isVisible()) await syncNow.click({ timeout: 1_000 }).catch(() => {});
				await expect(status).toHaveAttribute('data-phase', 'signed-out', { timeout: 1_000 });
			}).toPass({ timeout: 20_000 });
			await status.getByRole('link', { name: 'Sign in' }).click();
			await page.getByLabel('Email address').fill('inspector@example.test');
			await page.getByLabel('Password').fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page).toHaveURL(new RegExp(`/conversations/${id}/areas/1\\?question=1\\.3$`));
			await expect(page.getByRole('heading', { level: 1, name: 'Question 1.3' })).toBeVisible();
		});
	});
});

for (const viewport of [PHONE.viewport, { width: 1280, height: 800 }]) {
	test.describe(`problems at ${viewport.width} px`, () => {
		test.use({ viewport });

		test('call details list every error at once, in the summary and at each field', async ({
			page
		}) => {
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await page.getByLabel('Day').fill('32');
			await page.getByLabel('Month').fill('13');
			await page.getByLabel('Year').fill('2020');
			await page.getByLabel('Time the call started').fill('25:99');
			await page.getByRole('button', { name: 'Save and continue' }).click();
			const summary = page.locator('.govuk-error-summary');
			await expect(summary).toBeFocused();
			for (const message of [
				'Day must be a number from 1 to 31',
				'Month must be a number from 1 to 12',
				'Enter the time of the call in 24-hour format, like 14:30'
			]) {
				await expect(summary.getByRole('link', { name: message })).toBeVisible();
			}
			const date = page.getByRole('group', { name: 'Date of the call' });
			await expect(date).toContainText('Error: Day must be a number from 1 to 31');
			await expect(date).toContainText('Error: Month must be a number from 1 to 12');
			await expect(page.getByLabel('Day')).toHaveClass(/govuk-input--error/);
			await expect(page.getByLabel('Month')).toHaveClass(/govuk-input--error/);
			await expect(page.getByLabel('Year')).not.toHaveClass(/govuk-input--error/);
			await expect(page.locator('#call-time-error')).toContainText(
				'Enter the time of the call in 24-hour format, like 14:30'
			);
			await expect(page).toHaveURL(new RegExp(`/conversations/${id}/call-details$`));
			await expectNoAxeViolations(page, 'call details with errors');
			await page.screenshot({
				path: `test-results/screenshots/call-details-errors-${viewport.width}.png`,
				fullPage: true
			});
		});
	});
}

for (const viewport of [PHONE.viewport, { width: 1280, height: 800 }]) {
	test.describe(`finding the location at ${viewport.width} px`, () => {
		test.use({ viewport });

		test('punctuation does not matter, the ID digits alone find it, and one match is chosen', async ({
			page
		}) => {
			await openApp(page);
			await page.getByRole('link', { name: 'Start a new conversation' }).click();
			await page.getByLabel('Find the location').fill('brightwell homecare, hackney');
			const places = page.getByRole('group', { name: 'Select the location' });
			await expect(places.getByRole('radio')).toHaveCount(1);
			await expect(
				places.getByRole('radio', { name: 'Brightwell Homecare (Hackney)' })
			).toBeChecked();
			await page.getByLabel('Find the location').fill('129384756');
			await expect(places.getByRole('radio', { name: 'Larkspur House Care Home' })).toBeChecked();
			await expectNoAxeViolations(page, 'a search with one match');
			await page.screenshot({
				path: `test-results/screenshots/start-one-match-${viewport.width}.png`,
				fullPage: true
			});
			await page.getByRole('button', { name: 'Start conversation' }).click();
			await page.waitForURL(/\/call-details$/);
			await expect(
				page.getByText('Larkspur House Care Home · 1-129384756 · CR0 2QT')
			).toBeVisible();
		});
	});
}

test('the outcome, the summary and provisional questions read plainly', async ({ page }) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.goto(`/conversations/${id}/areas/2`);
	await question(page, '2.1').getByRole('radio', { name: 'No', exact: true }).check();
	await expect(page.getByTestId('raised-flag-2.1')).toBeVisible();
	const provisional = question(page, '2.2').getByText('Provisional wording');
	await expect(provisional).toBeVisible();
	await expect(question(page, '2.2')).toContainText(
		/Provisional wording\s*:\s*This wording may change once it is confirmed\./
	);
	await expect(question(page, '2.2')).not.toContainText('secondary sources');
	await page.goto(`/conversations/${id}/outcome`);
	await expect(page.getByTestId('outcome-suggestion')).toContainText(
		'The answers suggest the service needs support.'
	);
	await expect(page.getByText('Larkspur House Care Home · 1-129384756 · CR0 2QT')).toBeVisible();
	await page.getByRole('radio', { name: /^Needs support/ }).check();
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.goto(`/conversations/${id}/summary`);
	await expect(page.getByTestId('summary-outcome')).toHaveText(
		'The service is in need of support.'
	);
	await expectNoAxeViolations(page, 'the summary');
});

test('the call starts as today and now, and a clock shows how long it has gone on', async ({
	page
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.goto(`/conversations/${id}/call-details`);
	const typed = async () => ({
		day: await page.getByLabel('Day').inputValue(),
		month: await page.getByLabel('Month').inputValue(),
		year: await page.getByLabel('Year').inputValue(),
		time: await page.getByLabel('Time the call started').inputValue()
	});
	const prefilled = await typed();
	const minutesAgo = await page.evaluate(({ day, month, year, time }) => {
		const [hours, minutes] = time.split(':').map(Number);
		const start = new Date(Number(year), Number(month) - 1, Number(day), hours, minutes);
		return (Date.now() - start.getTime()) / 60_000;
	}, prefilled);
	expect(prefilled.time).toMatch(/^\d\d:\d\d$/);
	expect(minutesAgo).toBeGreaterThanOrEqual(0);
	expect(minutesAgo).toBeLessThan(5);
	// Kept as the record once the page is left, and still editable.
	await page.reload();
	expect(await typed()).toEqual(prefilled);

	// A call that started 65 minutes ago.
	const earlier = await page.evaluate(() => {
		const start = new Date(Date.now() - 65 * 60_000);
		const two = (value: number) => String(value).padStart(2, '0');
		return {
			day: String(start.getDate()),
			month: String(start.getMonth() + 1),
			year: String(start.getFullYear()),
			time: `${two(start.getHours())}:${two(start.getMinutes())}`
		};
	});
	await page.getByLabel('Day').fill(earlier.day);
	await page.getByLabel('Month').fill(earlier.month);
	await page.getByLabel('Year').fill(earlier.year);
	await page.getByLabel('Time the call started').fill(earlier.time);
	await page.getByRole('radio', { name: 'Phone' }).check();
	await page.getByLabel('Name of the person you spoke to').fill('Alex Example');
	await page.getByLabel('Their role').fill('Registered manager');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.waitForURL(new RegExp(`/conversations/${id}$`));
	await expect(page.getByTestId('call-clock')).toHaveText(
		new RegExp(`^Call started at ${earlier.time} · 1 hour [56] minutes so far$`)
	);
	await page.goto(`/conversations/${id}/areas/1?question=1.1`);
	await expect(page.getByTestId('call-clock')).toContainText(`Call started at ${earlier.time}`);
	await expectNoAxeViolations(page, 'a question with the call clock');
	await saveScreenshot(page, 'call-clock');
});

test.describe('finding a question on a phone', () => {
	test.use(PHONE);
	test('every question is one tap away, and found by the words of its prompts', async ({
		page
	}) => {
		await openApp(page);
		const id = await startConversation(page, 'Larkspur');
		await page.goto(`/conversations/${id}/areas/1?question=1.1`);
		const finder = page.getByTestId('question-finder');
		await finder.getByText('Go to another question').click();
		await finder.getByRole('link', { name: 'Question 4.3' }).click();
		await expect(page).toHaveURL(new RegExp(`/areas/4\\?question=4\\.3$`));
		await expect(page.getByRole('heading', { level: 1, name: 'Question 4.3' })).toBeFocused();

		await finder.getByText('Go to another question').click();
		await finder.getByLabel('Search questions and prompts').fill('reliably get hold');
		await expect(finder.getByRole('status')).toHaveText('1 question found.');
		await expect(finder.getByRole('link')).toHaveText(['Question 1.2']);
		await expectNoAxeViolations(page, 'the question finder on a phone');
		await saveScreenshot(page, 'question-finder');
		await finder.getByRole('link', { name: 'Question 1.2' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Question 1.2' })).toBeFocused();

		await finder.getByText('Go to another question').click();
		await finder.getByLabel('Search questions and prompts').fill('zebra');
		await expect(finder.getByRole('status')).toHaveText('No question holds those words.');
		await expect(finder.getByRole('link')).toHaveCount(0);
	});
});

test('general notes about the call are saved as typed, listed on check answers and left out of the summary record', async ({
	page
}) => {
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await fillCallDetails(page, id);
	const notes = page.getByLabel('Notes about the call');
	await notes.fill('Manager mentioned a new agency from next month.\nCall back on Friday.');
	await expectSaved(page);
	await page.reload();
	await expect(notes).toHaveValue(
		'Manager mentioned a new agency from next month.\nCall back on Friday.'
	);
	await expectNoAxeViolations(page, 'the task list with notes about the call');
	await saveScreenshot(page, 'call-notes');

	await page.goto(`/conversations/${id}/check`);
	const row = page.locator('.govuk-summary-list__row', { hasText: 'Notes about the call' });
	await expect(row).toContainText('Call back on Friday.');
	await row.getByRole('link', { name: 'Change notes about the call' }).click();
	await page.waitForURL(new RegExp(`/conversations/${id}\\?from=check#call-notes$`));
	await notes.fill('Call back on Friday.');
	await expectSaved(page);

	await page.goto(`/conversations/${id}/summary`);
	await expect(page.locator('main')).toContainText('Larkspur');
	await expect(page.locator('main')).not.toContainText('Call back on Friday.');
});
