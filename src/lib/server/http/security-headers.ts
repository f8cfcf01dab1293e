import type { Handle } from '@sveltejs/kit';
import { isApiPath } from './api-error';
import { everyResponseHeaders, NOTHING_ALLOWED_POLICY } from './response-headers.js';

/**
 * The headers of every response SvelteKit renders (scripts/serve.js adds the same to everything
 * else); pages also get the content security policy from kit.csp.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	for (const [name, value] of everyResponseHeaders({ https: event.url.protocol === 'https:' })) {
		headers.set(name, value);
	}
	// Pages for a signed-in person stay out of shared caches and the back-forward cache of others.
	if (event.locals.user && !headers.has('Cache-Control')) {
		headers.set('Cache-Control', 'private, no-store');
	}
	if (isApiPath(event.url.pathname)) {
		headers.set('Content-Security-Policy', NOTHING_ALLOWED_POLICY);
		headers.set('Cache-Control', headers.get('Cache-Control') ?? 'no-store');
	}
	return response;
};
