/**
 * Sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database. A session
 * ends after IDLE_MS without use or ABSOLUTE_MS after sign-in, whichever comes first. The
 * inspector's app works offline without one; a session is needed only to talk to the server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { sessions, users } from '../db/schema';
import type { UserRow } from '../repos/users.repo';

export const IDLE_MS = 24 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
// Refreshing last-seen on every request would write on every request; once a minute is enough.
const TOUCH_AFTER_MS = 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
	db: Database,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + ABSOLUTE_MS);
	await db
		.insert(sessions)
		.values({ id: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt });
	return { token, expiresAt };
}

export type ValidSession = { user: UserRow; sessionId: string; expiresAt: Date };

/** The session's user, or null when the token is unknown, expired, idle too long or the user inactive. */
export async function validateSession(
	db: Database,
	token: string,
	now = new Date()
): Promise<ValidSession | null> {
	const id = hashToken(token);
	const [row] = await db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id));
	if (!row) return null;
	const { session, user } = row;
	const idleSince = now.getTime() - session.lastSeenAt.getTime();
	if (session.expiresAt <= now || idleSince > IDLE_MS || !user.active) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	if (idleSince > TOUCH_AFTER_MS) {
		await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
	}
	return { user, sessionId: id, expiresAt: session.expiresAt };
}

export async function deleteSession(db: Database, token: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteUserSessions(db: Database, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
