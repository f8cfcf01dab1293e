import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The offline shell is served at every in-app URL, so asset paths must not be relative.
		paths: { relative: false },
		// workbox-window registers the service worker so the page controls when an update applies.
		serviceWorker: { register: false },
		version: { pollInterval: 5 * 60 * 1000 },
		// Hashes rather than nonces: the offline shell is cached, so its policy must not change per request.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Only style attribute allowed: SvelteKit's own route announcer, by its hash.
				'style-src': [
					'self',
					'unsafe-hashes',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		alias: { $tests: 'tests' }
	}
};

export default config;
