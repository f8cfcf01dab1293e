import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	integer,
	index,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** A browser profile signed in as one person. Bound to that person on its first upload. */
export const syncDevices = pgTable(
	'sync_devices',
	{
		deviceId: uuid('device_id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		/** The highest change sequence number of this device the server has processed. */
		lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
		lastAppVersion: text('last_app_version'),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		// The device's own report with each download (sync/device-health.ts), for its managers.
		/** "Chrome on Android", from the browser's user agent. */
		label: text('label'),
		waitingChanges: integer('waiting_changes'),
		oldestWaitingAt: timestamp('oldest_waiting_at', { withTimezone: true }),
		storagePersisted: boolean('storage_persisted'),
		reportedAt: timestamp('reported_at', { withTimezone: true })
	},
	(table) => [index('sync_devices_user_idx').on(table.userId)]
);

/** Every change a device uploaded, exactly once, with what became of it. */
export const syncMutations = pgTable(
	'sync_mutations',
	{
		deviceId: uuid('device_id')
			.notNull()
			.references(() => syncDevices.deviceId),
		seq: bigint('seq', { mode: 'number' }).notNull(),
		mutationId: uuid('mutation_id').notNull(),
		name: text('name').notNull(),
		args: jsonb('args').notNull(),
		// As wide as any whole number a change can carry, so an unknown version is stored as refused.
		argsVersion: bigint('args_version', { mode: 'number' }).notNull(),
		status: text('status', { enum: ['applied', 'rejected', 'superseded'] }).notNull(),
		result: jsonb('result').notNull(),
		clientTime: timestamp('client_time', { withTimezone: true }),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.deviceId, table.seq] }),
		// Not unique: a change that reuses another's id is stored too, as rejected.
		index('sync_mutations_mutation_idx').on(table.mutationId),
		check(
			'sync_mutations_status_check',
			sql`${table.status} in ('applied', 'rejected', 'superseded')`
		)
	]
);

/**
 * One counter per person. Every write that changes what a person's devices see takes this row's
 * lock and the next number, so numbers are handed out in commit order and a pull cursor never
 * skips a change that committed late.
 */
export const userChangeCounters = pgTable('user_change_counters', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id),
	/** The last version handed out: every version of this person's conversations, answers and flags comes from here. */
	lastVersion: bigint('last_version', { mode: 'number' }).notNull().default(0)
});
