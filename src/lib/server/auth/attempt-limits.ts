/**
 * The limits on password checks, shared by every server on the database. Within one rolling
 * WINDOW_MS an email address (with or without an account) gets MAX_ACCOUNT_FAILURES checks that
 * failed or are still running, and a network address MAX_ADDRESS_FAILURES.
 *
 * Invariant: an attempt is written before its password is verified, in a transaction that holds
 * an advisory lock on the email address and on the network address, so attempts arriving at the
 * same moment, on one server or several, are counted one after the other and the ones over the
 * limit are refused without a check. A right password removes its attempt, so it does not count.
 */
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { signInAttempts } from '../db/schema';

export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 20;
export const WINDOW_MS = 15 * 60 * 1000;

export type Reservation =
	{ ok: true; id: number } | { ok: false; limit: 'account' | 'address'; until: Date };

export async function reserveAttempt(
	db: Database,
	{ email, address, now }: { email: string; address: string; now: Date }
): Promise<Reservation> {
	const since = new Date(now.getTime() - WINDOW_MS);
	return db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		// Email first, then address, in every transaction, so two can never wait for each other.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`email ${email}`}, 0))`);
		await tx.execute(
			sql`select pg_advisory_xact_lock(hashtextextended(${`address ${address}`}, 0))`
		);
		const byEmail = await recentAttempts(tx, eq(signInAttempts.email, email), since);
		if (byEmail.length >= MAX_ACCOUNT_FAILURES) {
			return { ok: false, limit: 'account', until: lapses(byEmail, MAX_ACCOUNT_FAILURES) };
		}
		const byAddress = await recentAttempts(tx, eq(signInAttempts.address, address), since);
		if (byAddress.length >= MAX_ADDRESS_FAILURES) {
			return { ok: false, limit: 'address', until: lapses(byAddress, MAX_ADDRESS_FAILURES) };
		}
		// Attempts older than the window no longer count, so they need not be kept.
		await tx
			.delete(signInAttempts)
			.where(and(eq(signInAttempts.email, email), lt(signInAttempts.at, since)));
		await tx
			.delete(signInAttempts)
			.where(and(eq(signInAttempts.address, address), lt(signInAttempts.at, since)));
		const [row] = await tx.insert(signInAttempts).values({ email, address, at: now }).returning();
		return { ok: true, id: row!.id };
	});
}

/** The password was right: the attempt does not count. */
export async function releaseAttempt(db: Database, id: number): Promise<void> {
	await db.delete(signInAttempts).where(eq(signInAttempts.id, id));
}

/** Until when the email address is locked, counting the failures so far; null when it is not. */
export async function accountLockedUntil(
	db: Database,
	email: string,
	now: Date
): Promise<Date | null> {
	const since = new Date(now.getTime() - WINDOW_MS);
	const recent = await recentAttempts(db, eq(signInAttempts.email, email), since);
	return recent.length >= MAX_ACCOUNT_FAILURES ? lapses(recent, MAX_ACCOUNT_FAILURES) : null;
}

/** The newest `max` attempts in the window, newest first. */
function recentAttempts(db: Database, whose: ReturnType<typeof eq>, since: Date) {
	return db
		.select({ at: signInAttempts.at })
		.from(signInAttempts)
		.where(and(whose, gt(signInAttempts.at, since)))
		.orderBy(desc(signInAttempts.at))
		.limit(MAX_ADDRESS_FAILURES);
}

/** When the attempts drop below `max` again: the `max`-th newest leaves the window. */
function lapses(newestFirst: { at: Date }[], max: number): Date {
	return new Date(newestFirst[max - 1]!.at.getTime() + WINDOW_MS);
}
