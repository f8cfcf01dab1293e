import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	check,
	index,
	pgTable,
	text,
	timestamp,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { uuidv7 } from '$lib/domain/ids';

export const teams = pgTable('teams', {
	id: uuid('id')
		.primaryKey()
		.$defaultFn(() => uuidv7()),
	name: text('name').notNull().unique(),
	region: text('region').notNull(),
	managerId: uuid('manager_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const users = pgTable(
	'users',
	{
		id: uuid('id')
			.primaryKey()
			.$defaultFn(() => uuidv7()),
		/** Stored lower-cased, so an address is unique whatever its case. */
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		role: text('role', { enum: ['inspector', 'manager', 'admin'] }).notNull(),
		teamId: uuid('team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
		region: text('region'),
		active: boolean('active').notNull().default(true),
		/** argon2id, PHC string format. */
		passwordHash: text('password_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		check('users_role_check', sql`${table.role} in ('inspector', 'manager', 'admin')`),
		check('users_email_lower_case', sql`${table.email} = lower(${table.email})`),
		index('users_team_idx').on(table.teamId)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the token in the cookie; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

/**
 * Password checks that count towards the sign-in limits: each is written before the password is
 * verified, and removed again when it was right. Rows older than the window no longer count.
 */
export const signInAttempts = pgTable(
	'sign_in_attempts',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** Lower-cased, whether or not an account has it. */
		email: text('email').notNull(),
		address: text('address').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(table) => [
		index('sign_in_attempts_email_idx').on(table.email, table.at),
		index('sign_in_attempts_address_idx').on(table.address, table.at)
	]
);
