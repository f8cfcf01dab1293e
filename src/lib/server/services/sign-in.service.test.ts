import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { auditLog, users } from '../db/schema';
import { validateSession } from '../auth/session';
import { testDatabases } from '../testing/databases';
import { LOCK_MS, MAX_ADDRESS_FAILURES, signIn } from './sign-in.service';
import { createUser } from './users.service';

describe.each(testDatabases())('signing in on $name', ({ open }) => {
	let handle: DatabaseHandle;
	const password = 'correct horse battery';
	const start = new Date('2026-03-02T09:00:00Z');
	const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

	beforeAll(async () => {
		handle = await open();
		for (const email of [
			'lock@example.test',
			'ok@example.test',
			'Mixed.Case@Example.test',
			'gone@example.test'
		]) {
			await createUser(
				handle.db,
				{ email, name: email, role: 'inspector', teamId: null, region: null, password },
				null
			);
		}
		await handle.db
			.update(users)
			.set({ active: false })
			.where(eq(users.email, 'gone@example.test'));
	});
	afterAll(() => handle.close());

	const attempt = (email: string, pass: string, now: Date, address = '10.0.0.1') =>
		signIn(handle.db, { email, password: pass, address, now });
	const lastAudit = async () =>
		(await handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];

	it('opens a session for the right password, whatever the case of the email address', async () => {
		const result = await attempt('MIXED.case@example.TEST', password, start);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSession(handle.db, result.token, start))?.user.email).toBe(
			'mixed.case@example.test'
		);
		expect(await lastAudit()).toMatchObject({ action: 'sign-in', actorId: result.user.id });
	});

	it('gives the same answer for a wrong password, an unknown address and an inactive account', async () => {
		const answers = await Promise.all([
			attempt('ok@example.test', 'wrong', start, '10.0.0.2'),
			attempt('nobody@example.test', password, start, '10.0.0.2'),
			attempt('gone@example.test', password, start, '10.0.0.2')
		]);
		expect(answers).toEqual(
			Array(3).fill({
				ok: false,
				code: 'INVALID_CREDENTIALS',
				message: 'Enter a correct email address and password'
			})
		);
	});

	it('locks an account for 15 minutes after 5 failures, says so, and then lets it in', async () => {
		for (let failure = 1; failure <= 4; failure++) {
			expect(
				await attempt('lock@example.test', 'wrong', minutes(failure), '10.0.0.3')
			).toMatchObject({ code: 'INVALID_CREDENTIALS' });
		}
		const fifth = await attempt('lock@example.test', 'wrong', minutes(5), '10.0.0.3');
		expect(fifth).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
		expect(fifth.ok ? '' : fifth.message).toMatch(
			/locked for 15 minutes after 5 failed sign-ins\. Try again after \d\d:\d\d\./
		);
		expect(await lastAudit()).toMatchObject({
			action: 'account.locked',
			subject: 'lock@example.test'
		});
		// Even the right password waits out the lock.
		expect(await attempt('lock@example.test', password, minutes(10), '10.0.0.3')).toMatchObject({
			code: 'ACCOUNT_LOCKED'
		});
		expect(await lastAudit()).toMatchObject({ action: 'sign-in.refused-locked' });
		expect(
			(
				await attempt(
					'lock@example.test',
					password,
					new Date(minutes(5).getTime() + LOCK_MS + 1000),
					'10.0.0.3'
				)
			).ok
		).toBe(true);
	});

	it('locks an email address with no account exactly as it locks an account', async () => {
		const answers = [];
		for (let failure = 1; failure <= 5; failure++) {
			answers.push(
				await attempt('nobody.here@example.test', 'wrong', minutes(40 + failure), '10.0.0.6')
			);
		}
		expect(answers.map((answer) => (answer.ok ? 'ok' : answer.code))).toEqual([
			'INVALID_CREDENTIALS',
			'INVALID_CREDENTIALS',
			'INVALID_CREDENTIALS',
			'INVALID_CREDENTIALS',
			'ACCOUNT_LOCKED'
		]);
		expect(
			await attempt('nobody.here@example.test', 'wrong', minutes(50), '10.0.0.6')
		).toMatchObject({ code: 'ACCOUNT_LOCKED' });
		expect(
			await attempt('nobody.here@example.test', 'wrong', minutes(61), '10.0.0.6')
		).toMatchObject({ code: 'INVALID_CREDENTIALS' });
	});

	it('counts wrong passwords that arrive at the same moment, so racing cannot beat the lock', async () => {
		await createUser(
			handle.db,
			{
				email: 'race@example.test',
				name: 'Race',
				role: 'inspector',
				teamId: null,
				region: null,
				password
			},
			null
		);
		const results = await Promise.all(
			Array.from({ length: 6 }, () =>
				attempt('race@example.test', 'wrong', minutes(30), '10.0.0.5')
			)
		);
		expect(
			results.filter((result) => !result.ok && result.code === 'ACCOUNT_LOCKED').length
		).toBeGreaterThanOrEqual(1);
		expect(await attempt('race@example.test', password, minutes(31), '10.0.0.5')).toMatchObject({
			code: 'ACCOUNT_LOCKED'
		});
	});

	it('stops an address that keeps failing, across accounts, for the window', async () => {
		for (let failure = 0; failure < MAX_ADDRESS_FAILURES; failure++) {
			await attempt(`guess${failure}@example.test`, 'wrong', minutes(1), '10.9.9.9');
		}
		expect(await attempt('ok@example.test', password, minutes(2), '10.9.9.9')).toMatchObject({
			code: 'TOO_MANY_ATTEMPTS'
		});
		expect((await attempt('ok@example.test', password, minutes(2), '10.0.0.4')).ok).toBe(true);
		expect((await attempt('ok@example.test', password, minutes(20), '10.9.9.9')).ok).toBe(true);
	});
});
