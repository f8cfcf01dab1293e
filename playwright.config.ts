import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './scripts/chromium-path.js';

const port = Number(process.env.E2E_PORT ?? 4173);
const postgresPort = port + 1;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
// The manager's and the administrator's journeys run on PostgreSQL too, on a server of their own.
const MANAGER_AND_ADMIN_JOURNEYS = [
	'**/manager-review.e2e.ts',
	'**/review-access.e2e.ts',
	'**/accounts.e2e.ts',
	'**/authorization-matrix.e2e.ts',
	'**/device-trust.e2e.ts'
];

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results/playwright',
	fullyParallel: false,
	// The journeys share one server, so they run one at a time; the inspector's tests share it too,
	// each in a context of its own; each sync fault scenario starts servers of its own.
	workers: 2,
	projects: [
		{ name: 'journeys', testDir: 'tests/e2e/journeys', workers: 1 },
		...(onPostgres
			? [
					{
						name: 'journeys-postgres',
						testDir: 'tests/e2e/journeys',
						testMatch: MANAGER_AND_ADMIN_JOURNEYS,
						workers: 1,
						use: { baseURL: `http://localhost:${postgresPort}` }
					}
				]
			: []),
		// The inspector's own work, each test in a browser context of its own on the shared server.
		{ name: 'inspector', testDir: 'tests/e2e/inspector', fullyParallel: true },
		// Each scenario starts a server of its own and drives two or three browser profiles.
		{
			name: 'sync-faults',
			testDir: 'tests/e2e/sync-faults',
			fullyParallel: true,
			timeout: 180_000
		},
		// Probes from outside, on servers of their own like the fault scenarios.
		{ name: 'security', testDir: 'tests/e2e/security', fullyParallel: true }
	],
	retries: 0,
	// A journey or a fault scenario drives whole conversations through one or two browser
	// profiles, some on servers of their own: 20–60 s on a quiet two-core machine, and up to twice
	// that with two running side by side.
	timeout: 120_000,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		...devices['Desktop Chrome'],
		baseURL: `http://localhost:${port}`,
		viewport: { width: 1280, height: 800 },
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath() ?? undefined,
			args: CHROMIUM_FLAGS
		}
	},
	// The app exactly as the README starts it: `npm start` builds, then serves. `npm test` builds
	// beside the type check and lint to save time, and says so with E2E_PREBUILT=1.
	// A fresh embedded database each run, so the demo accounts are there and nothing else.
	webServer: [
		{
			command: `rm -rf test-results/e2e-data && ${process.env.E2E_PREBUILT === '1' ? 'npm run serve' : 'npm start'}`,
			env: { PORT: String(port), DATA_DIR: 'test-results/e2e-data' },
			url: `http://localhost:${port}/shell`,
			reuseExistingServer: false,
			timeout: 180_000,
			stdout: 'ignore',
			stderr: 'pipe'
		},
		...(onPostgres
			? [
					{
						command: 'node scripts/serve-e2e-postgres.js',
						env: {
							PORT: String(postgresPort),
							...(process.env.E2E_PREBUILT === '1'
								? {}
								: { BUILT_BY: `http://localhost:${port}/shell` })
						},
						url: `http://localhost:${postgresPort}/shell`,
						reuseExistingServer: false,
						timeout: 180_000,
						stdout: 'ignore' as const,
						stderr: 'pipe' as const
					}
				]
			: [])
	]
});
