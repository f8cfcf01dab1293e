import postgres from 'postgres';
import {
	MIGRATIONS_FOLDER,
	openDatabase,
	type DatabaseHandle,
	type DatabaseOptions
} from '../db/database';

export type TestDatabase = {
	name: string;
	open: (options?: DatabaseOptions) => Promise<DatabaseHandle>;
};

/**
 * The databases the repository tests run on: PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set. Each PostgreSQL open makes a database of its own, dropped on close.
 */
export function testDatabases(): TestDatabase[] {
	const targets: TestDatabase[] = [
		{
			name: 'PGlite',
			open: (options) => openDatabase({ memory: true }, MIGRATIONS_FOLDER, options)
		}
	];
	const url = process.env.TEST_DATABASE_URL;
	if (url) targets.push({ name: 'PostgreSQL', open: (options) => openFreshPostgres(url, options) });
	return targets;
}

async function openFreshPostgres(url: string, options?: DatabaseOptions): Promise<DatabaseHandle> {
	const name = `esf_test_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = postgres(url, { max: 1, onnotice: () => undefined });
	await admin.unsafe(`create database ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	const handle = await openDatabase({ url: target.toString() }, MIGRATIONS_FOLDER, options);
	return {
		...handle,
		close: async () => {
			await handle.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
