import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * GOV.UK Frontend still carries Internet Explorer media-query hacks (`\0`, which Sass writes as
 * U+FFFD) that the CSS minifier rejects; no browser the app supports reads them, so they are
 * neutralised after Sass runs.
 */
function dropInternetExplorerHacks(): Plugin {
	return {
		name: 'esf:drop-internet-explorer-hacks',
		transform(code, id) {
			if (!/\.scss($|\?)/.test(id)) return null;
			return {
				code: code
					.replace(/\(min-width: ?0(\\0|\ufffd)\)/g, '(max-width: 0px)')
					.replace(/screen(\\0|\ufffd)/g, 'not all'),
				map: null
			};
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), dropInternetExplorerHacks()],
	css: {
		preprocessorOptions: {
			scss: { loadPaths: ['node_modules'], quietDeps: true }
		}
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		// Opening an embedded database takes seconds on a busy two-core machine.
		hookTimeout: 60_000,
		testTimeout: 30_000,
		setupFiles: ['src/lib/testing/setup-indexeddb.ts']
	}
});
