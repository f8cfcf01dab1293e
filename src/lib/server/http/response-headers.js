// The security headers of every response. Plain JavaScript, because two layers apply them: the
// `securityHeaders` hook for what SvelteKit renders, and scripts/serve.js for everything else the
// server sends (static files, the service worker, the manifest, and answers SvelteKit writes
// before or outside its hooks).

/**
 * @param {{ https: boolean }} served whether the site is served over HTTPS
 * @returns {[string, string][]}
 */
export function everyResponseHeaders({ https }) {
	return [
		['X-Content-Type-Options', 'nosniff'],
		['X-Frame-Options', 'DENY'],
		['Referrer-Policy', 'same-origin'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
		['Cross-Origin-Opener-Policy', 'same-origin'],
		['Cross-Origin-Resource-Policy', 'same-origin'],
		// Only over HTTPS: a browser ignores it over HTTP, and a local server must stay reachable.
		...(https
			? /** @type {[string, string][]} */ ([
					['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']
				])
			: [])
	];
}

/**
 * The policy of a response that is not a page of the app and has no policy of its own: API
 * answers, and HTML that SvelteKit writes without its page template (its static error page).
 * Pages get theirs, with script hashes, from kit.csp.
 */
export const NOTHING_ALLOWED_POLICY =
	"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
