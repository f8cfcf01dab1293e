import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.js';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results/playwright',
	fullyParallel: false,
	// The journeys share one server, so they run one at a time; each sync fault scenario starts
	// servers of its own, so one runs beside the journeys and two once they are done.
	workers: 2,
	projects: [
		{ name: 'journeys', testDir: 'tests/e2e/journeys', workers: 1 },
		{ name: 'sync-faults', testDir: 'tests/e2e/sync-faults', fullyParallel: true }
	],
	retries: 0,
	timeout: 60_000,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		...devices['Desktop Chrome'],
		baseURL: `http://localhost:${port}`,
		viewport: { width: 1280, height: 800 },
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath() ?? undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
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
