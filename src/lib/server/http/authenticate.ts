import { dev } from '$app/environment';
import type { Cookies, Handle } from '@sveltejs/kit';
import { SESSION_COOKIE, validateSession } from '../auth/session';
import { toSessionUser } from '../services/users.service';
import { serverDatabase } from '../startup';

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

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
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
