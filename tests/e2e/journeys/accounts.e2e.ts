import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../steps/accessibility';
import { DEMO_PASSWORD, openApp, signIn } from '../steps/app';
import { startConversation } from '../steps/conversation';

/** Fails the test on any content security policy violation the page reports. */
function watchForCspViolations(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return violations;
}

async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an inspector signs in once online, and each person on a device sees only their own conversations', async ({
	page
}) => {
	const violations = watchForCspViolations(page);
	await page.goto('/');
	await expect(page).toHaveURL(/\/sign-in\?returnTo=%2F$/);
	await expectNoAxeViolations(page, 'sign-in');
	await signInWithForm(page, 'inspector@example.test', 'not the password');
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Enter a correct email address and password'
	);
	await expect(page.getByLabel('Email address')).toHaveValue('inspector@example.test');

	await signInWithForm(page, 'inspector@example.test');
	await expect(page.getByRole('heading', { name: 'Your conversations' })).toBeVisible();
	await expect(page.getByTestId('demo-banner')).toContainText('Fictional accounts and locations');
	const response = await page.request.get('/');
	expect(response.headers()['content-security-policy']).toMatch(
		/script-src 'self'( 'sha256-[^']+')*;/
	);
	expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(response.headers()['content-security-policy']).not.toContain('unsafe-inline');
	// No connection to the sync routes, so the change below stays waiting on the device.
	await page.route('**/api/sync/push', (route) => route.abort('internetdisconnected'));
	await startConversation(page, 'Larkspur');

	// Signing out with changes not uploaded warns, and keeps them on the device.
	await page.getByRole('link', { name: 'Sign out' }).click();
	// The start, and the call's date and time the call details page starts with.
	await expect(page.getByTestId('unsent-warning')).toContainText(
		'2 changes have not been uploaded yet'
	);
	await expectNoAxeViolations(page, 'sign-out');
	await page.getByRole('button', { name: 'Sign out and keep my changes on this device' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

	await signInWithForm(page, 'inspector2@example.test');
	await expect(page.getByText('There are no conversations on this device yet.')).toBeVisible();
	await page.getByRole('link', { name: 'Sign out' }).click();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await signInWithForm(page, 'inspector@example.test');
	await expect(page.getByTestId('conversation-list')).toContainText('Larkspur House Care Home');
	expect(violations).toEqual([]);
});

test('after five wrong passwords an account waits 15 minutes, and says so', async ({
	page,
	request,
	baseURL
}) => {
	// An account of its own, so the lock does not get in the way of other tests.
	await signIn(page, 'admin@example.test');
	const form = {
		name: 'Lockable Inspector',
		email: 'lockable@example.test',
		role: 'inspector',
		password: 'a long enough password'
	};
	expect(
		(
			await page.request.post('/admin/users/new', {
				form,
				headers: { origin: baseURL!, accept: 'text/html' },
				maxRedirects: 0
			})
		).status()
	).toBe(303);
	const attempt = (password: string) =>
		request.post('/api/session', { data: { email: 'lockable@example.test', password } });
	for (let failure = 0; failure < 4; failure++) expect((await attempt('wrong')).status()).toBe(401);
	const locked = await attempt('wrong');
	expect(locked.status()).toBe(429);
	expect((await locked.json()).message).toMatch(
		/^This account is locked after 5 failed sign-ins in 15 minutes\. Try again after \d\d:\d\d\.$/
	);
	expect((await (await attempt(form.password)).json()).code).toBe('ACCOUNT_LOCKED');
});

test('an administrator adds and deactivates users, and imports the directory; script-like text stays text', async ({
	page
}) => {
	const violations = watchForCspViolations(page);
	let dialogs = 0;
	page.on('dialog', (dialog) => {
		dialogs += 1;
		void dialog.dismiss();
	});
	await signInWithForm(page, 'admin@example.test');
	await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
	await expectNoAxeViolations(page, 'users');
	await page.getByRole('link', { name: 'Add a user' }).click();
	await page.getByRole('button', { name: 'Add user' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter their full name');
	await expectNoAxeViolations(page, 'add a user with errors');
	await page.getByLabel('Full name').fill('<img src=x onerror=alert(1)> Newman');
	await page.getByLabel('Email address').fill('New.Inspector@Example.test');
	await page.getByRole('radio', { name: 'Inspector' }).check();
	await page.getByLabel('Team').selectOption({ label: 'London inspection team' });
	await page.getByLabel('Region').selectOption('London');
	await page.getByLabel('First password').fill('a long enough password');
	await page.getByRole('button', { name: 'Add user' }).click();
	await expect(page.getByText('Saved new.inspector@example.test')).toBeVisible();
	await expect(
		page.getByRole('link', { name: '<img src=x onerror=alert(1)> Newman' })
	).toBeVisible();

	await page.getByRole('link', { name: '<img src=x onerror=alert(1)> Newman' }).click();
	await page.getByRole('radio', { name: 'No, deactivated' }).check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.locator('tr', { hasText: 'new.inspector@example.test' })).toContainText(
		'Deactivated'
	);

	await page.goto('/account/password');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter your current password');
	await expectNoAxeViolations(page, 'change password with errors');

	// The administrator's pages in dark mode.
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(page, 'change password with errors in dark mode');
	for (const path of ['/admin/users', '/admin/users/new', '/admin/directory']) {
		await page.goto(path);
		await expectNoAxeViolations(page, `${path} in dark mode`);
	}
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/admin/directory');
	await expectNoAxeViolations(page, 'directory');
	await page.getByLabel('CSV file').setInputFiles('tests/fixtures/directory-sample.csv');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByTestId('import-problems')).toContainText(
		'locationId 1-900000001 repeats line 2'
	);
	await expect(page.getByRole('heading', { name: /3 valid rows, 4 with problems/ })).toBeVisible();
	await page.getByLabel('CSV file').setInputFiles('tests/fixtures/directory-sample.csv');
	await page.getByRole('radio', { name: 'Check, then import the valid rows' }).check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByText('Imported 3 locations from directory-sample.csv')).toBeVisible();
	expect(dialogs).toBe(0);
	expect(violations).toEqual([]);
});

test('notes that look like script are shown as plain text in the inspector app', async ({
	page
}) => {
	let dialogs = 0;
	page.on('dialog', (dialog) => {
		dialogs += 1;
		void dialog.dismiss();
	});
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await page.goto(`/conversations/${id}/risks`);
	await page
		.getByLabel('Internal risks and challenges')
		.fill('<script>alert(1)</script><img src=x onerror=alert(2)>');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.goto(`/conversations/${id}/summary`);
	await expect(
		page.getByText('<script>alert(1)</script><img src=x onerror=alert(2)>')
	).toBeVisible();
	expect(dialogs).toBe(0);
});

test('a manager signing in lands on the review queue, and an inspector on their conversations', async ({
	page
}) => {
	await signInWithForm(page, 'manager@example.test');
	await expect(page).toHaveURL(/\/review$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
	// Where they were going when asked to sign in still wins.
	await page.context().clearCookies();
	await page.goto('/review/charts');
	await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Freview%2Fcharts$/);
	await page.getByLabel('Email address').fill('manager@example.test');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/review\/charts$/);
});
