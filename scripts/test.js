// `npm test`: type check, lint, unit tests, then the browser tests, and one closing line that
// totals every test runner: "N passed, N failed". Every step runs even after a failure, so one
// run shows everything that is wrong; the exit code is non-zero if any step failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chromiumPath } from './chromium-path.js';

const RESULTS = 'test-results';
const VITEST_REPORT = `${RESULTS}/vitest.json`;
const PLAYWRIGHT_REPORT = `${RESULTS}/playwright.json`;

mkdirSync(RESULTS, { recursive: true });
rmSync(`${RESULTS}/summary.json`, { force: true });

if (!chromiumPath()) {
	console.error(
		'No Chromium found for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.'
	);
	process.exit(1);
}

rmSync(VITEST_REPORT, { force: true });
rmSync(PLAYWRIGHT_REPORT, { force: true });

// The type check runs first: it regenerates .svelte-kit, which the build reads. Then the lint,
// the migration check and the app's build run side by side, each printing its output when it
// ends. The tests follow one at a time, the build serving the browser tests.
const typeCheck = ['Type check', 'npm', ['run', 'check']];
const checks = [
	['Lint', 'npm', ['run', 'lint']],
	['Migrations match the schema', 'node', ['scripts/check-migrations.js']],
	['Build the app', 'npm', ['run', 'build']]
];
const tests = [
	[
		'Unit tests',
		'npx',
		['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`]
	],
	['Browser tests', 'npx', ['playwright', 'test']]
];

const failedSteps = [];
function runCaptured([name, command, args]) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { env: process.env });
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		child.on('close', (status) => {
			console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
			process.stdout.write(Buffer.concat(output));
			if (status !== 0) failedSteps.push(name);
			resolve();
		});
	});
}
await runCaptured(typeCheck);
await Promise.all(checks.map(runCaptured));
const built = !failedSteps.includes('Build the app');
for (const [name, command, args] of tests) {
	console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
	const env = { ...process.env, ...(built ? { E2E_PREBUILT: '1' } : {}) };
	const { status } = spawnSync(command, args, { stdio: 'inherit', env });
	if (status !== 0) failedSteps.push(name);
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitest = readJson(VITEST_REPORT);
const playwright = readJson(PLAYWRIGHT_REPORT);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats.expected ?? 0);
// A runner with no report, a test file that could not load, a runner error or a failed check
// each count as a failure, so a red run never closes with "0 failed".
const unloadedFiles = (vitest?.testResults ?? []).filter(
	(file) => file.status === 'failed' && file.assertionResults.length === 0
).length;
const failedChecks = failedSteps.filter(
	(step) => !['Unit tests', 'Browser tests'].includes(step)
).length;
const failed =
	(vitest ? vitest.numFailedTests + unloadedFiles : 1) +
	(playwright
		? playwright.stats.unexpected + playwright.stats.flaky + (playwright.errors?.length ?? 0)
		: 1) +
	failedChecks;

writeFileSync(
	`${RESULTS}/summary.json`,
	JSON.stringify({ passed, failed, failedSteps }, null, '\t')
);
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
