// Fails when the Drizzle schema has changes that no committed migration holds: it runs
// `drizzle-kit generate` against a copy of drizzle/ and reports any migration it would add.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';

// drizzle-kit takes only a relative output folder.
const copy = '.svelte-kit/migration-check';
rmSync(copy, { recursive: true, force: true });
try {
	cpSync('drizzle', copy, { recursive: true });
	const before = new Set(readdirSync(copy));
	const result = spawnSync(
		'npx',
		[
			'drizzle-kit',
			'generate',
			'--dialect',
			'postgresql',
			'--schema',
			'./src/lib/server/db/schema/index.ts',
			'--out',
			copy,
			'--name',
			'uncommitted'
		],
		{ encoding: 'utf8' }
	);
	if (result.status !== 0 || !existsSync(`${copy}/meta/_journal.json`)) {
		console.error(result.stdout, result.stderr);
		process.exit(1);
	}
	const added = readdirSync(copy).filter((file) => !before.has(file));
	if (added.length > 0) {
		console.error(
			`The schema has changes without a committed migration (drizzle-kit would add ${added.join(', ')}). Run npm run db:generate and commit the result.`
		);
		process.exit(1);
	}
	console.log('Migrations match the schema.');
} finally {
	rmSync(copy, { recursive: true, force: true });
}
