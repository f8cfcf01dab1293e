import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './scripts/chromium-path.js';

const port = Number(process.env.E2E_PORT ?? 4173);

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
	webServer: {
		command: `rm -rf test-results/e2e-data && ${process.env.E2E_PREBUILT === '1' ? 'npm run serve' : 'npm start'}`,
		env: { PORT: String(port), DATA_DIR: 'test-results/e2e-data' },
		url: `http://localhost:${port}/shell`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
