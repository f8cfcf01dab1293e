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
		alias: { $tests: 'tests' }
	}
};

export default config;
