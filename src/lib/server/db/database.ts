/**
 * Opens the server's database and brings its schema up to date. An embedded PGlite database in a
 * folder is the default, so the app needs no database server; a postgres:// URL uses PostgreSQL.
 * The committed SQL migrations in drizzle/ are applied on every open, and only they change the
 * schema.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql, type Logger } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';
import { takeTransactionTurns } from './transaction-turns';

export type Database =
	| ReturnType<typeof drizzlePglite<typeof schema>>
	| ReturnType<typeof drizzlePostgres<typeof schema>>;

export type DatabaseHandle = {
	db: Database;
	kind: 'pglite' | 'postgres';
	/** Flushes to disk (PGlite checkpoints) and closes; call once, at shutdown. */
	close: () => Promise<void>;
};

export type DatabaseLocation = { url: string } | { dataDir: string } | { memory: true };

export const MIGRATIONS_FOLDER = new URL('../../../../drizzle', import.meta.url).pathname;

/** `logger` is told every statement sent, for counting them. */
export type DatabaseOptions = { logger?: Logger };

export async function openDatabase(
	location: DatabaseLocation,
	migrationsFolder = MIGRATIONS_FOLDER,
	{ logger }: DatabaseOptions = {}
): Promise<DatabaseHandle> {
	if ('url' in location) {
		// Unnamed statements: an upload's multi-row INSERTs differ in their number of rows, so named
		// ones would each cost a round trip to prepare and describe and then never be used again.
		const client = postgres(location.url, { max: 10, prepare: false, onnotice: () => undefined });
		const db = drizzlePostgres(client, { schema, logger });
		await migratePostgres(db, { migrationsFolder });
		return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
	}
	const client =
		'dataDir' in location
			? new PGlite(location.dataDir, { relaxedDurability: false })
			: new PGlite();
	takeTransactionTurns(client);
	const db = drizzlePglite(client, { schema, logger });
	await migratePglite(db, { migrationsFolder });
	return {
		db,
		kind: 'pglite',
		close: async () => {
			await client.exec('CHECKPOINT');
			await client.close();
		}
	};
}

/** Whether the database answers; for the health check. */
export async function databaseAnswers(db: Database): Promise<boolean> {
	try {
		await db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}
