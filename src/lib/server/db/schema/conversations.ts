import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import type { ConversationFields } from '$lib/domain/conversation/conversation.schema';
import type { Location } from '$lib/domain/directory/location.schema';
import { teams, users } from './accounts';

/**
 * Conversations as the server holds them. `version` is the owner's change counter at the last
 * change to the conversation, its answers, flags or conflicts, so a pull finds everything that
 * changed after its cursor.
 */
export const conversations = pgTable(
	'conversations',
	{
		id: uuid('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
		locationId: text('location_id').notNull(),
		location: jsonb('location').$type<Location>().notNull(),
		questionSetId: text('question_set_id').notNull(),
		questionSetVersion: integer('question_set_version').notNull(),
		status: text('status', { enum: ['draft', 'completed'] }).notNull(),
		fields: jsonb('fields').$type<ConversationFields>().notNull(),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		version: bigint('version', { mode: 'number' }).notNull()
	},
	(table) => [
		check('conversations_status_check', sql`${table.status} in ('draft', 'completed')`),
		index('conversations_user_version_idx').on(table.userId, table.version),
		index('conversations_location_idx').on(table.locationId, table.startedAt)
	]
);

/** One row per answered question; a cleared answer stays as a tombstone (`deleted`). */
export const answers = pgTable(
	'answers',
	{
		/** `${conversationId}:${questionId}` */
		id: text('id').primaryKey(),
		conversationId: uuid('conversation_id')
			.notNull()
			.references(() => conversations.id),
		questionId: text('question_id').notNull(),
		optionId: text('option_id'),
		notes: text('notes').notNull().default(''),
		evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
		deleted: boolean('deleted').notNull().default(false),
		version: bigint('version', { mode: 'number' }).notNull(),
		/** The writer's clock, corrected to the server's and never ahead of it: decides conflicts. */
		hlc: timestamp('hlc', { withTimezone: true }).notNull(),
		updatedByDevice: uuid('updated_by_device').notNull(),
		updatedByMutation: uuid('updated_by_mutation').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('answers_conversation_idx').on(table.conversationId, table.questionId)]
);

/**
 * Append-only: every value written to an answer, the ones that lost a conflict included
 * (`outcome` = 'superseded'), so nothing an inspector recorded is ever lost.
 */
export const answerHistory = pgTable(
	'answer_history',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		answerId: text('answer_id').notNull(),
		conversationId: uuid('conversation_id').notNull(),
		questionId: text('question_id').notNull(),
		version: bigint('version', { mode: 'number' }).notNull(),
		/** The answer as written; null for a cleared answer. */
		value: jsonb('value'),
		outcome: text('outcome', { enum: ['applied', 'superseded'] }).notNull(),
		mutationId: uuid('mutation_id').notNull(),
		deviceId: uuid('device_id').notNull(),
		/** For a superseded value: the value that won. */
		winningValue: jsonb('winning_value'),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		check('answer_history_outcome_check', sql`${table.outcome} in ('applied', 'superseded')`),
		index('answer_history_answer_idx').on(table.answerId, table.version),
		index('answer_history_conversation_idx').on(table.conversationId, table.outcome)
	]
);

/** The inspector's risk flag on one question: one row per question, the latest state. */
export const flags = pgTable(
	'flags',
	{
		/** `${conversationId}:${questionId}` */
		id: text('id').primaryKey(),
		conversationId: uuid('conversation_id')
			.notNull()
			.references(() => conversations.id),
		questionId: text('question_id').notNull(),
		area: integer('area').notNull(),
		severity: text('severity', { enum: ['low', 'medium', 'high'] }).notNull(),
		reason: text('reason').notNull(),
		raisedBy: text('raised_by', { enum: ['answer', 'inspector'] }).notNull(),
		status: text('status', { enum: ['raised', 'withdrawn'] }).notNull(),
		withdrawnReason: text('withdrawn_reason'),
		raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		version: bigint('version', { mode: 'number' }).notNull()
	},
	(table) => [
		check('flags_severity_check', sql`${table.severity} in ('low', 'medium', 'high')`),
		check('flags_status_check', sql`${table.status} in ('raised', 'withdrawn')`),
		index('flags_conversation_idx').on(table.conversationId)
	]
);
