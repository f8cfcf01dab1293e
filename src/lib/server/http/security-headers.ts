import { dev } from '$app/environment';
import type { Handle } from '@sveltejs/kit';
import { isApiPath } from './api-error';

/** Headers on every response; pages also get the content security policy from kit.csp. */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (!dev) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	// Pages for a signed-in person stay out of shared caches and the back-forward cache of others.
	if (event.locals.user && !headers.has('Cache-Control')) {
		headers.set('Cache-Control', 'private, no-store');
	}
	if (isApiPath(event.url.pathname)) {
		headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
		headers.set('Cache-Control', headers.get('Cache-Control') ?? 'no-store');
	}
	return response;
};
