import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePasswordSchema } from '$lib/domain/accounts/account.schema';
import type { DatabaseHandle } from '../db/database';
import { verifyPassword } from '../auth/password';
import { findUserById } from '../repos/users.repo';
import { testDatabases } from '../testing/databases';
import { signIn } from './sign-in.service';
import { changePassword, createUser } from './users.service';

describe.each(testDatabases())('changing a password on $name', ({ open }) => {
	let handle: DatabaseHandle;
	const password = 'correct horse battery';
	const start = new Date('2026-03-02T09:00:00Z');
	const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

	beforeAll(async () => {
		handle = await open();
	});
	afterAll(() => handle.close());

	const account = (email: string) =>
		createUser(
			handle.db,
			{ email, name: email, role: 'inspector', teamId: null, region: null, password },
			null
		);
	const change = (userId: string, currentPassword: string, now: Date, address = '10.2.0.1') =>
		changePassword(handle.db, {
			userId,
			currentPassword,
			newPassword: 'a brand new password',
			address,
			now
		}).then(
			() => 'changed',
			(error: { code: string }) => error.code
		);

	it('checks the current password at most 5 times in 15 minutes, the right one included', async () => {
		const user = await account('guessed@example.test');
		const answers = [];
		for (let guess = 0; guess < 12; guess++) {
			answers.push(await change(user.id, `guess ${guess}`, minutes(1)));
		}
		answers.push(await change(user.id, password, minutes(2)));
		expect(answers).toEqual([
			...Array(5).fill('WRONG_PASSWORD'),
			...Array(8).fill('TOO_MANY_ATTEMPTS')
		]);
		expect(
			await verifyPassword((await findUserById(handle.db, user.id))!.passwordHash, password)
		).toBe(true);
		expect(await change(user.id, password, minutes(17))).toBe('changed');
	});

	it('counts wrong current passwords together with failed sign-ins', async () => {
		const user = await account('mixed@example.test');
		for (let failure = 0; failure < 4; failure++) {
			await signIn(handle.db, {
				email: user.email,
				password: 'wrong',
				address: '10.2.0.2',
				now: minutes(1)
			});
		}
		expect(await change(user.id, 'wrong again', minutes(2), '10.2.0.3')).toBe('WRONG_PASSWORD');
		expect(
			await signIn(handle.db, { email: user.email, password, address: '10.2.0.4', now: minutes(3) })
		).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
	});

	it('refuses a new password that is the current one, with a message', () => {
		const parsed = changePasswordSchema.safeParse({
			currentPassword: password,
			newPassword: password,
			confirmPassword: password
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues).toEqual([
			expect.objectContaining({
				path: ['newPassword'],
				message: 'Your new password must be different from your current password'
			})
		]);
	});
});
