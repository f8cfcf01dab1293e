import { expect, test } from '@playwright/test';
import { databaseKinds, ServerProcess } from '../steps/server-process';
import { clientOf, freshAddress, newAccount, PROBE_SETTINGS, signedIn } from '../steps/probes';

const PASSWORD = 'the right password, at last';

for (const kind of databaseKinds()) {
	test.describe(`sign-in limits from outside on ${kind}`, () => {
		let server: ServerProcess;
		test.beforeEach(async () => {
			server = await ServerProcess.start(kind, PROBE_SETTINGS);
		});
		test.afterEach(async () => {
			await server.dispose();
		});

		/** Password checks the server made for `email`: failures and sign-ins in its audit log. */
		const checksFor = async (email: string) =>
			(
				await server.query<{ action: string; n: number }>(
					`select action, count(*)::int as n from audit_log where subject = '${email}' and action in ('sign-in.failed', 'sign-in') group by action`
				)
			).reduce((sum, row) => sum + row.n, 0);

		test('100 sign-ins at once at one account check at most 5 passwords, and then the right one is refused', async () => {
			await newAccount(server, 'target@example.test', PASSWORD);
			const attacker = await clientOf(server);
			const answers = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					attacker
						.post('/api/session', {
							data: { email: 'target@example.test', password: `guess ${i}` }
						})
						.then(async (response) => [response.status(), (await response.json()).code] as const)
				)
			);
			expect(answers.every(([status]) => status === 401 || status === 429)).toBe(true);
			expect(answers.filter(([status]) => status === 401).length).toBeLessThan(5);
			const right = await attacker.post('/api/session', {
				data: { email: 'target@example.test', password: PASSWORD }
			});
			expect(right.status()).toBe(429);
			expect((await right.json()).code).toBe('ACCOUNT_LOCKED');
			// From another address too: the lock is the account's.
			const elsewhere = await (
				await clientOf(server)
			).post('/api/session', { data: { email: 'target@example.test', password: PASSWORD } });
			expect(elsewhere.status()).toBe(429);
			expect(await checksFor('target@example.test')).toBe(5);
		});

		test('100 sign-ins at once with the right password among them check at most 5', async () => {
			await newAccount(server, 'mixed@example.test', PASSWORD);
			const attacker = await clientOf(server);
			const statuses = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					attacker
						.post('/api/session', {
							data: { email: 'mixed@example.test', password: i === 50 ? PASSWORD : `guess ${i}` }
						})
						.then((response) => response.status())
				)
			);
			expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(1);
			expect(await checksFor('mixed@example.test')).toBeLessThanOrEqual(5);
		});

		test('100 sign-ins at once from one address at 100 accounts check at most 20 passwords', async () => {
			const address = freshAddress();
			const attacker = await clientOf(server, address);
			const statuses = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					attacker
						.post('/api/session', { data: { email: `guess${i}@example.test`, password: 'x' } })
						.then((response) => response.status())
				)
			);
			expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
			expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(80);
			// The demo admin's right password waits too, from that address only.
			const right = await attacker.post('/api/session', {
				data: { email: 'admin@example.test', password: 'demo-password' }
			});
			expect((await right.json()).code).toBe('TOO_MANY_ATTEMPTS');
			await signedIn(await clientOf(server));
			const failed = await server.query<{ n: number }>(
				`select count(*)::int as n from audit_log where action = 'sign-in.failed' and address = '${address}'`
			);
			expect(failed[0]!.n).toBeLessThanOrEqual(20);
		});

		test('the current password on the change-password page is checked at most 5 times, and may not be the new one', async () => {
			await newAccount(server, 'changer@example.test', PASSWORD);
			const person = await signedIn(await clientOf(server), 'changer@example.test', PASSWORD);
			const change = (currentPassword: string, newPassword = 'a brand new password') =>
				person.post('/account/password', {
					form: { currentPassword, newPassword, confirmPassword: newPassword },
					headers: { accept: 'text/html' }
				});
			const same = await change(PASSWORD, PASSWORD);
			expect(same.status()).toBe(400);
			expect(await same.text()).toContain(
				'Your new password must be different from your current password'
			);
			const statuses = [];
			for (let guess = 0; guess < 12; guess++) {
				statuses.push((await change(`guess ${guess}`)).status());
			}
			expect(statuses).toEqual([...Array(5).fill(400), ...Array(7).fill(429)]);
			const right = await change(PASSWORD);
			expect(right.status()).toBe(429);
			expect(await right.text()).toMatch(
				/Too many wrong passwords for this account\. Try again after \d\d:\d\d\./
			);
			const changed = await server.query<{ n: number }>(
				`select count(*)::int as n from audit_log where action = 'password.changed'`
			);
			expect(changed[0]!.n).toBe(0);
		});
	});
}
