import { dev } from '$app/environment';
import type { Cookies, Handle } from '@sveltejs/kit';
import { deleteSession, validateSession } from '../auth/session';
import { toSessionUser } from '../services/users.service';
import { serverDatabase } from '../startup';

/**
 * Outside development the cookie is Secure and has the `__Host-` prefix, so a browser takes it only
 * from this exact host over HTTPS (or from localhost), for the whole site and no other domain.
 */
export const SESSION_COOKIE = dev ? 'esf_session' : '__Host-esf_session';

export const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSession(serverDatabase().db, token);
		if (session) event.locals.user = toSessionUser(session.user);
		else clearSessionCookie(event.cookies);
	}
	return resolve(event);
};

/** Starts using a new session, ending the one this browser held before, if any. */
export async function replaceSession(
	cookies: Cookies,
	token: string,
	expiresAt: Date
): Promise<void> {
	const previous = cookies.get(SESSION_COOKIE);
	if (previous && previous !== token) await deleteSession(serverDatabase().db, previous);
	setSessionCookie(cookies, token, expiresAt);
}

function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: !dev,
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: !dev });
}
