/**
 * Brings the server's database up once per process: takes the data folder's lock (embedded
 * PGlite), applies migrations, adds demo data to an empty embedded database (or to PostgreSQL
 * with SEED_DEMO=1), and closes everything cleanly when the server shuts down.
 */
import { resolve } from 'node:path';
import type { ServerEnvironment } from './env';
import { openDatabase, type DatabaseHandle } from './db/database';
import { lockDataFolder } from './db/data-folder-lock';
import { countUsers } from './repos/users.repo';
import { DEMO_PASSWORD, seedDemoData } from './services/demo-data.service';

let handle: DatabaseHandle | undefined;

export function serverDatabase(): DatabaseHandle {
	if (!handle) throw new Error('The database is not open yet');
	return handle;
}

export async function startServer(
	env: ServerEnvironment,
	log: (line: string) => void = console.log
): Promise<DatabaseHandle> {
	let release = () => {};
	let opened: DatabaseHandle;
	if (env.DATABASE_URL) {
		opened = await openDatabase({ url: env.DATABASE_URL });
		log('Database: PostgreSQL (DATABASE_URL)');
	} else {
		const dataDir = resolve(env.DATA_DIR);
		release = lockDataFolder(dataDir);
		opened = await openDatabase({ dataDir }).catch((error: unknown) => {
			release();
			throw error;
		});
		log(`Database: embedded PGlite in ${dataDir}`);
	}
	handle = { ...opened, close: () => opened.close().finally(release) };
	// Demo accounts have a published password: never added in production unless asked for.
	const seedByDefault = !env.DATABASE_URL && env.NODE_ENV !== 'production';
	const seed = env.SEED_DEMO === undefined ? seedByDefault : env.SEED_DEMO === '1';
	if (seed && (await countUsers(handle.db)) === 0) {
		const accounts = await seedDemoData(handle.db);
		log(`Demo data added. Sign in with any of these accounts, password "${DEMO_PASSWORD}":`);
		for (const account of accounts) {
			log(
				`  ${account.email.padEnd(26)} ${account.role}${account.team ? `, ${account.team}` : ''}`
			);
		}
	}
	const started = handle;
	process.once('sveltekit:shutdown', () => void started.close());
	return started;
}
