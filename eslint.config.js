import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Import bans that keep each layer in its place (see src/lib/domain/README.md). */
const layer = (files, patterns) => ({
	files,
	rules: { 'no-restricted-imports': ['error', { patterns }] }
});
// Each ban covers both `$lib/…` and relative paths into the layer.
const group = (pattern, message) => ({
	group: [...new Set([pattern, pattern.replace('$lib/', '**/')])],
	message
});
const noServer = group('$lib/server/**', 'Server code never reaches the browser.');
const noClient = group('$lib/client/**', 'Browser-only code never runs on the server.');
const noRoutes = group('**/routes/**', 'Library code never depends on routes.');
const noFeatures = group('$lib/features/**', 'Lower layers never depend on features.');
const noUi = (message) => group('$lib/ui/**', message);
const noDexie = group('dexie', 'Only src/lib/client/db talks to IndexedDB.');

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			curly: ['error', 'multi-line'],
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/button-has-type': 'error',
			'svelte/no-navigation-without-resolve': 'off',
			// Dates and Maps here are never mutated in place.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**/*.ts'],
		ignores: ['src/**/*.svelte.ts', 'src/service-worker/**'],
		languageOptions: { parserOptions: { projectService: true } }
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/service-worker/**'],
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			]
		}
	},
	layer(
		['src/lib/domain/**'],
		[
			noClient,
			noServer,
			noFeatures,
			noUi('The domain has no UI.'),
			group('$app/*', 'The domain is framework-free.'),
			group('$env/*', 'The domain is framework-free.'),
			group('svelte', 'The domain is framework-free.'),
			group('svelte/*', 'The domain is framework-free.'),
			group('date-fns', 'The domain is framework-free; format dates in features.'),
			noDexie,
			group('drizzle-orm', 'The domain is framework-free.'),
			noRoutes
		]
	),
	layer(
		['src/lib/client/**'],
		[noServer, noFeatures, noRoutes, noUi('The client layer has no UI.')]
	),
	layer(['src/lib/client/!(db)/**'], [noServer, noFeatures, noRoutes, noDexie]),
	layer(
		['src/lib/server/**'],
		[
			noClient,
			noFeatures,
			noRoutes,
			noDexie,
			group('svelte', 'The server layer has no UI.'),
			noUi('The server layer has no UI.')
		]
	),
	layer(
		['src/lib/ui/**'],
		[
			group('$lib/domain/**', 'UI primitives stay presentational.'),
			noClient,
			noServer,
			noFeatures,
			noRoutes,
			noDexie
		]
	),
	layer(['src/lib/features/**'], [noServer, noRoutes, noDexie]),
	layer(
		['src/routes/**'],
		[
			noDexie,
			group(
				'$lib/client/db/!(device-database|conversations.repo|reference.repo).ts',
				'Pages get data from load functions or features.'
			)
		]
	),
	layer(['src/service-worker/**'], [noServer, noFeatures, noRoutes, noDexie])
);
