/**
 * Signing in, with the limits of attempt-limits.ts: an attempt is counted before its password is
 * checked, and one over a limit is refused without a check, the right password included. Every
 * attempt, failure and lockout goes into the audit log. Messages never say whether an email
 * address has an account: one with no account locks exactly like one with an account.
 */
import type { Database } from '../db/database';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from '../auth/password';
import { createSession } from '../auth/session';
import {
	accountLockedUntil,
	MAX_ACCOUNT_FAILURES,
	releaseAttempt,
	reserveAttempt,
	WINDOW_MS
} from '../auth/attempt-limits';
import { untilTime } from '../auth/until-time';
import { recordAudit } from '../repos/audit.repo';
import { findUserByEmail, type UserRow } from '../repos/users.repo';

export { MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES, WINDOW_MS } from '../auth/attempt-limits';

export type SignInRefusal = {
	ok: false;
	code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'TOO_MANY_ATTEMPTS';
	message: string;
};
export type SignInResult =
	{ ok: true; user: UserRow; token: string; expiresAt: Date } | SignInRefusal;

const INVALID = {
	ok: false,
	code: 'INVALID_CREDENTIALS',
	message: 'Enter a correct email address and password'
} as const;

export function lockedMessage(until: Date): string {
	return `This account is locked after ${MAX_ACCOUNT_FAILURES} failed sign-ins in ${WINDOW_MS / 60_000} minutes. Try again after ${untilTime(until)}.`;
}

export function tooManyMessage(until: Date): string {
	return `Too many failed sign-ins from this network. Try again after ${untilTime(until)}.`;
}

export async function signIn(
	db: Database,
	input: { email: string; password: string; address: string; now?: Date }
): Promise<SignInResult> {
	const now = input.now ?? new Date();
	const { email, address } = input;
	const attempt = await reserveAttempt(db, { email, address, now });
	if (!attempt.ok) {
		if (attempt.limit === 'address') {
			await recordAudit(db, { action: 'sign-in.rate-limited', subject: email, address });
			return { ok: false, code: 'TOO_MANY_ATTEMPTS', message: tooManyMessage(attempt.until) };
		}
		await recordAudit(db, {
			action: 'sign-in.refused-locked',
			actorId: (await findUserByEmail(db, email))?.id,
			subject: email,
			address
		});
		return { ok: false, code: 'ACCOUNT_LOCKED', message: lockedMessage(attempt.until) };
	}

	const user = await findUserByEmail(db, email);
	// An unknown address is checked against a real hash, so it answers no faster than an account.
	const passwordMatches = await verifyPassword(
		user?.passwordHash ?? UNKNOWN_ACCOUNT_HASH,
		input.password
	);
	if (!user || !user.active || !passwordMatches) {
		return failed(db, { user, email, address, now });
	}
	await releaseAttempt(db, attempt.id);
	const { token, expiresAt } = await createSession(db, user.id, now);
	await recordAudit(db, { action: 'sign-in', actorId: user.id, subject: user.email, address });
	return { ok: true, user, token, expiresAt };
}

async function failed(
	db: Database,
	{
		user,
		email,
		address,
		now
	}: { user: UserRow | undefined; email: string; address: string; now: Date }
): Promise<SignInRefusal> {
	await recordAudit(db, { action: 'sign-in.failed', actorId: user?.id, subject: email, address });
	const lockedUntil = await accountLockedUntil(db, email, now);
	if (!lockedUntil) return INVALID;
	await recordAudit(db, {
		action: 'account.locked',
		actorId: user?.id,
		subject: email,
		address,
		details: { until: lockedUntil.toISOString() }
	});
	return { ok: false, code: 'ACCOUNT_LOCKED', message: lockedMessage(lockedUntil) };
}
