import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** Append-only: rows are inserted, never updated or deleted. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subject: text('subject'),
		address: text('address'),
		details: jsonb('details').$type<Record<string, unknown>>()
	},
	(table) => [
		index('audit_log_at_idx').on(table.at),
		index('audit_log_action_idx').on(table.action)
	]
);
