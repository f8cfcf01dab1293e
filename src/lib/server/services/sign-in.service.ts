/**
 * Signing in, with its limits: after MAX_ACCOUNT_FAILURES failed attempts an account waits
 * LOCK_MS, and an address that fails MAX_ADDRESS_FAILURES times within WINDOW_MS waits too.
 * Every attempt, failure and lockout goes into the audit log. Messages never say whether an
 * email address has an account.
 */
import { and, asc, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { signInFailures, users } from '../db/schema';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from '../auth/password';
import { createSession } from '../auth/session';
import { recordAudit } from '../repos/audit.repo';
import { findUserByEmail, type UserRow } from '../repos/users.repo';

export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 20;
export const LOCK_MS = 15 * 60 * 1000;
export const WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
	| { ok: true; user: UserRow; token: string; expiresAt: Date }
	| {
			ok: false;
			code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'TOO_MANY_ATTEMPTS';
			message: string;
	  };

const INVALID = {
	ok: false,
	code: 'INVALID_CREDENTIALS',
	message: 'Enter a correct email address and password'
} as const;

const untilTime = (at: Date) =>
	at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

function lockedMessage(until: Date) {
	return `This account is locked for 15 minutes after ${MAX_ACCOUNT_FAILURES} failed sign-ins. Try again after ${untilTime(until)}.`;
}

export async function signIn(
	db: Database,
	input: { email: string; password: string; address: string; now?: Date }
): Promise<SignInResult> {
	const now = input.now ?? new Date();
	const { address } = input;
	const [{ failures }] = (await db
		.select({ failures: count() })
		.from(signInFailures)
		.where(
			and(
				eq(signInFailures.address, address),
				gt(signInFailures.at, new Date(now.getTime() - WINDOW_MS))
			)
		)) as [{ failures: number }];
	if (failures >= MAX_ADDRESS_FAILURES) {
		await recordAudit(db, { action: 'sign-in.rate-limited', subject: input.email, address });
		return {
			ok: false,
			code: 'TOO_MANY_ATTEMPTS',
			message: 'Too many failed sign-ins from this network. Wait 15 minutes, then try again.'
		};
	}

	const user = await findUserByEmail(db, input.email);
	// The password is always checked, so a locked or unknown account answers no faster.
	const passwordMatches = await verifyPassword(
		user?.passwordHash ?? UNKNOWN_ACCOUNT_HASH,
		input.password
	);
	const lockedUntil = user
		? user.lockedUntil
		: await unknownAccountLockedUntil(db, input.email, now);
	if (lockedUntil && lockedUntil > now) {
		await recordAudit(db, {
			action: 'sign-in.refused-locked',
			actorId: user?.id,
			subject: input.email,
			address
		});
		return { ok: false, code: 'ACCOUNT_LOCKED', message: lockedMessage(lockedUntil) };
	}
	if (!user || !user.active || !passwordMatches) {
		return failed(db, { user, email: input.email, address, now });
	}

	await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
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
): Promise<SignInResult> {
	// Failures older than the window no longer count, so they need not be kept.
	await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - WINDOW_MS)));
	await db.insert(signInFailures).values({ address, email, at: now });
	await recordAudit(db, { action: 'sign-in.failed', actorId: user?.id, subject: email, address });
	if (!user) {
		const until = await unknownAccountLockedUntil(db, email, now);
		return until ? { ok: false, code: 'ACCOUNT_LOCKED', message: lockedMessage(until) } : INVALID;
	}
	// Counted in the database in one statement, so attempts racing each other all count.
	const [counted] = await db
		.update(users)
		.set({ failedSignIns: sql`${users.failedSignIns} + 1` })
		.where(eq(users.id, user.id))
		.returning();
	if ((counted?.failedSignIns ?? 0) < MAX_ACCOUNT_FAILURES) return INVALID;
	const lockedUntil = new Date(now.getTime() + LOCK_MS);
	await db.update(users).set({ failedSignIns: 0, lockedUntil }).where(eq(users.id, user.id));
	await recordAudit(db, {
		action: 'account.locked',
		actorId: user.id,
		subject: user.email,
		address,
		details: { until: lockedUntil.toISOString() }
	});
	return { ok: false, code: 'ACCOUNT_LOCKED', message: lockedMessage(lockedUntil) };
}

/**
 * An email address with no account locks like one with an account, so the lock does not tell
 * anyone which addresses have accounts: after MAX_ACCOUNT_FAILURES failures within LOCK_MS it
 * waits until LOCK_MS after the failure that locked it.
 */
async function unknownAccountLockedUntil(
	db: Database,
	email: string,
	now: Date
): Promise<Date | null> {
	const recent = await db
		.select({ at: signInFailures.at })
		.from(signInFailures)
		.where(
			and(eq(signInFailures.email, email), gt(signInFailures.at, new Date(now.getTime() - LOCK_MS)))
		)
		.orderBy(asc(signInFailures.at))
		.limit(MAX_ACCOUNT_FAILURES);
	const locking = recent[MAX_ACCOUNT_FAILURES - 1];
	return locking ? new Date(locking.at.getTime() + LOCK_MS) : null;
}
