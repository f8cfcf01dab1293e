// Administration from the command line, against the same database the server uses
// (DATABASE_URL, or the embedded one in DATA_DIR, default ./data; stop the server first):
//   npm run admin -- create-user --email a@b.org --name "Ann Admin" --role admin [--password …]
//   npm run admin -- import-directory FILE.csv [--dry-run]
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createUserSchema } from '$lib/domain/accounts/account.schema';
import { readDirectoryCsv } from '$lib/domain/directory/directory-csv';
import { DataFolderInUseError } from '$lib/server/db/data-folder-lock';
import { readEnvironment } from '$lib/server/env';
import { importLocations } from '$lib/server/services/directory-import.service';
import { createUser, UserServiceError } from '$lib/server/services/users.service';
import { startServer } from '$lib/server/startup';

const USAGE = `Usage:
  npm run admin -- create-user --email EMAIL --name NAME --role inspector|manager|admin [--region REGION] [--password PASSWORD]
  npm run admin -- import-directory FILE.csv [--dry-run]`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			region: { type: 'string' },
			password: { type: 'string' },
			'dry-run': { type: 'boolean' }
		}
	});
	if (command === 'create-user') {
		const password = values.password ?? randomBytes(12).toString('base64url');
		const input = createUserSchema.safeParse({
			email: values.email,
			name: values.name,
			role: values.role,
			teamId: null,
			region: values.region ?? null,
			password
		});
		if (!input.success) {
			return fail(
				input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')
			);
		}
		const { db, close } = await startServer({ ...readEnvironment(), SEED_DEMO: '0' }, () => {});
		try {
			const user = await createUser(db, input.data, null);
			console.log(
				`Created ${user.role} ${user.email}${values.password ? '' : ` with password ${password} (change it after signing in)`}`
			);
		} finally {
			await close();
		}
		return 0;
	}
	if (command === 'import-directory' && positionals[0]) {
		const reading = readDirectoryCsv(readFileSync(positionals[0], 'utf8'));
		for (const problem of reading.problems) console.log(`line ${problem.line}: ${problem.reason}`);
		console.log(
			`${reading.locations.length} valid rows, ${reading.problems.length} rows with problems`
		);
		if (values['dry-run'] || reading.locations.length === 0) {
			return reading.problems.length > 0 ? 1 : 0;
		}
		const { db, close } = await startServer({ ...readEnvironment(), SEED_DEMO: '0' }, () => {});
		try {
			await importLocations(db, reading.locations, null, positionals[0]);
			console.log(`Imported ${reading.locations.length} locations`);
		} finally {
			await close();
		}
		return 0;
	}
	return fail(USAGE);
}

function fail(message: string): number {
	console.error(message);
	return 2;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(
			error instanceof DataFolderInUseError || error instanceof UserServiceError
				? error.message
				: error
		);
		process.exit(1);
	}
);
