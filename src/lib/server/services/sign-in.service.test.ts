import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { auditLog, users } from '../db/schema';
import { verifyPassword } from '../auth/password';
import { validateSession } from '../auth/session';
import { testDatabases } from '../testing/databases';
import { MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES, WINDOW_MS, signIn } from './sign-in.service';
import { createUser } from './users.service';

// Every password check is counted, to prove that the limits hold before any check is made.
vi.mock('../auth/password', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../auth/password')>();
	return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const checks = vi.mocked(verifyPassword);

describe.each(testDatabases())('signing in on $name', ({ open }) => {
	let handle: DatabaseHandle;
	const password = 'correct horse battery';
	const start = new Date('2026-03-02T09:00:00Z');
	const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
	const days = (n: number) => minutes(n * 24 * 60);
	let addresses = 0;
	/** A network address no other test uses, so the per-address limit stays out of the way. */
	const freshAddress = () => `10.1.0.${++addresses}`;

	const addAccount = (email: string) =>
		createUser(
			handle.db,
			{ email, name: email, role: 'inspector', teamId: null, region: null, password },
			null
		);

	beforeAll(async () => {
		handle = await open();
		for (const email of ['ok@example.test', 'Mixed.Case@Example.test', 'gone@example.test']) {
			await addAccount(email);
		}
		await handle.db
			.update(users)
			.set({ active: false })
			.where(eq(users.email, 'gone@example.test'));
	});
	afterAll(() => handle.close());
	beforeEach(() => checks.mockClear());

	const attempt = (email: string, pass: string, now: Date, address = '10.0.0.1') =>
		signIn(handle.db, { email, password: pass, address, now });
	const outcome = (result: Awaited<ReturnType<typeof attempt>>) => (result.ok ? 'ok' : result.code);
	const lastAudit = async () =>
		(await handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];
	const checksOf = (pass: string) => checks.mock.calls.filter(([, tried]) => tried === pass).length;

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
		const address = freshAddress();
		const answers = await Promise.all([
			attempt('ok@example.test', 'wrong', start, address),
			attempt('nobody@example.test', password, start, address),
			attempt('gone@example.test', password, start, address)
		]);
		expect(answers).toEqual(
			Array(3).fill({
				ok: false,
				code: 'INVALID_CREDENTIALS',
				message: 'Enter a correct email address and password'
			})
		);
	});

	it.each([
		['an account', 'lock@example.test'],
		['an email address with no account', 'nobody.lock@example.test']
	])(
		'locks %s after 5 failures within 15 minutes, says until when, and lets it in once the oldest is 15 minutes old',
		async (_what, email) => {
			if (email.startsWith('lock')) await addAccount(email);
			const address = freshAddress();
			const answers = [];
			for (let failure = 1; failure <= 5; failure++) {
				answers.push(outcome(await attempt(email, 'wrong', minutes(failure), address)));
			}
			expect(answers).toEqual([
				'INVALID_CREDENTIALS',
				'INVALID_CREDENTIALS',
				'INVALID_CREDENTIALS',
				'INVALID_CREDENTIALS',
				'ACCOUNT_LOCKED'
			]);
			expect(await lastAudit()).toMatchObject({ action: 'account.locked', subject: email });
			checks.mockClear();
			// Even the right password waits out the lock, and is not checked.
			const locked = await attempt(email, password, minutes(10), address);
			expect(locked).toEqual({
				ok: false,
				code: 'ACCOUNT_LOCKED',
				message:
					'This account is locked after 5 failed sign-ins in 15 minutes. Try again after 09:16.'
			});
			expect(checks).not.toHaveBeenCalled();
			expect(await lastAudit()).toMatchObject({ action: 'sign-in.refused-locked' });
			// At 09:17 the failures of 09:01 and 09:02 have left the window: passwords are checked again.
			checks.mockClear();
			expect(outcome(await attempt(email, 'wrong', minutes(17), address))).toBe(
				'INVALID_CREDENTIALS'
			);
			expect(checks).toHaveBeenCalledTimes(1);
			if (email.startsWith('lock')) {
				expect(outcome(await attempt(email, password, minutes(17), address))).toBe('ok');
			}
		}
	);

	it.each([
		['an account', 'slow@example.test'],
		['an email address with no account', 'nobody.slow@example.test']
	])(
		'forgets failures of %s after the same 15 minutes, so five mistakes over a month lock nothing',
		async (_what, email) => {
			if (email.startsWith('slow')) await addAccount(email);
			const address = freshAddress();
			const answers = [];
			for (const day of [1, 7, 14, 21, 28]) {
				answers.push(outcome(await attempt(email, 'wrong', days(day), address)));
			}
			expect(answers).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
			// Four failures 14 minutes apart: the first has gone before the fifth comes.
			for (const minute of [0, 14, 28, 42]) {
				await attempt(email, 'wrong', new Date(days(29).getTime() + minute * 60_000), address);
			}
			expect(
				outcome(await attempt(email, 'wrong', new Date(days(29).getTime() + 56 * 60_000), address))
			).toBe('INVALID_CREDENTIALS');
		}
	);

	it('checks at most 5 passwords of 100 sent at once for one account, and then refuses the right one unchecked', async () => {
		await addAccount('race@example.test');
		const address = freshAddress();
		const results = await Promise.all(
			Array.from({ length: 100 }, () => attempt('race@example.test', 'wrong', minutes(30), address))
		);
		expect(checksOf('wrong')).toBe(MAX_ACCOUNT_FAILURES);
		// The checked ones answer "wrong" or, once five have failed, "locked"; the rest "locked".
		expect(
			results.filter((result) => outcome(result) === 'INVALID_CREDENTIALS').length
		).toBeLessThan(MAX_ACCOUNT_FAILURES);
		expect(results.every((result) => outcome(result) !== 'ok')).toBe(true);
		expect(outcome(await attempt('race@example.test', password, minutes(31), address))).toBe(
			'ACCOUNT_LOCKED'
		);
		expect(checksOf(password)).toBe(0);
	});

	it('checks at most 5 of 100 passwords sent at once with the right one among them', async () => {
		await addAccount('race2@example.test');
		const address = freshAddress();
		const guesses = Array.from({ length: 100 }, (_, i) => (i === 60 ? password : `wrong ${i}`));
		const results = await Promise.all(
			guesses.map((guess) => attempt('race2@example.test', guess, minutes(30), address))
		);
		expect(checks.mock.calls.length).toBeLessThanOrEqual(MAX_ACCOUNT_FAILURES);
		const signedIn = results.filter((result) => result.ok).length;
		expect(signedIn).toBe(checksOf(password));
		const failures = await handle.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'sign-in.failed'), eq(auditLog.subject, 'race2@example.test'))
			);
		expect(failures.length + signedIn).toBe(checks.mock.calls.length);
	});

	it('checks at most 20 passwords of 100 sent at once from one network address to different accounts', async () => {
		const address = freshAddress();
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				attempt(`guess${i}@example.test`, 'wrong', minutes(30), address)
			)
		);
		expect(checksOf('wrong')).toBe(MAX_ADDRESS_FAILURES);
		expect(results.filter((result) => outcome(result) === 'TOO_MANY_ATTEMPTS').length).toBe(
			100 - MAX_ADDRESS_FAILURES
		);
	});

	it('stops an address that keeps failing, across accounts, for the window', async () => {
		const address = freshAddress();
		for (let failure = 0; failure < MAX_ADDRESS_FAILURES; failure++) {
			await attempt(`guess${failure}@example.test`, 'wrong', minutes(100), address);
		}
		expect(await attempt('ok@example.test', password, minutes(101), address)).toEqual({
			ok: false,
			code: 'TOO_MANY_ATTEMPTS',
			message: 'Too many failed sign-ins from this network. Try again after 10:55.'
		});
		expect((await attempt('ok@example.test', password, minutes(101), freshAddress())).ok).toBe(
			true
		);
		const later = new Date(minutes(100).getTime() + WINDOW_MS + 1000);
		expect((await attempt('ok@example.test', password, later, address)).ok).toBe(true);
	});

	it('does not count right passwords towards either limit', async () => {
		const address = freshAddress();
		for (let i = 0; i < MAX_ADDRESS_FAILURES + 5; i++) {
			expect((await attempt('ok@example.test', password, minutes(200), address)).ok).toBe(true);
		}
	});
});
