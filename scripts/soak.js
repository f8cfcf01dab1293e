// `npm run soak [runs]`: the random sync property test (src/lib/testing/sync/property-suite.ts)
// with many more runs than `npm test` gives it: 10 000 per database unless told otherwise.
// Set TEST_DATABASE_URL to soak PostgreSQL as well as PGlite. Exits with vitest's exit code.
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '10000';
if (!/^[1-9]\d*$/.test(runs)) {
	console.error(
		`Usage: npm run soak [runs], where runs is a positive whole number (got "${runs}").`
	);
	process.exit(2);
}

const { status, error } = spawnSync('npx', ['vitest', 'run', 'src/lib/testing/sync/property-'], {
	stdio: 'inherit',
	env: { ...process.env, SYNC_PROPERTY_RUNS: runs }
});
if (error) console.error(error.message);
process.exit(status ?? 1);
