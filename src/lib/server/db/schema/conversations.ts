import type { ConversationId, QuestionId } from '$lib/domain/ids';
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import type { ConversationFields } from '$lib/domain/conversation/conversation.schema';
import type { Location } from '$lib/domain/directory/location.schema';
import { ESCALATION_TARGETS, REVIEW_STATUSES } from '$lib/domain/review/flag-review.schema';
import { teams, users } from './accounts';

/**
 * Conversations as the server holds them. `version` is the owner's change counter at the last
 * change to the conversation, its answers, flags or conflicts, so a pull finds everything that
 * changed after its cursor.
 */
export const conversations = pgTable(
	'conversations',
	{
		id: uuid('id').primaryKey().$type<ConversationId>(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
		locationId: text('location_id').notNull(),
		location: jsonb('location').$type<Location>().notNull(),
		/**
		 * True when `location` is the directory's entry for `locationId`; false for an unlisted
		 * location, whose details are the inspector's device's and are shown as such to managers.
		 */
		locationListed: boolean('location_listed').notNull().default(true),
		questionSetId: text('question_set_id').notNull(),
		questionSetVersion: integer('question_set_version').notNull(),
		status: text('status', { enum: ['draft', 'completed'] }).notNull(),
		fields: jsonb('fields').$type<ConversationFields>().notNull(),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		version: bigint('version', { mode: 'number' }).notNull(),
		// Copied out of `location` and `fields` so the review queue can filter and search by index.
		locationName: text('location_name').notNull().default(''),
		postcode: text('postcode').notNull().default(''),
		sector: text('sector').notNull().default(''),
		region: text('region').notNull().default(''),
		outcome: text('outcome'),
		urgent: boolean('urgent').notNull().default(false),
		/**
		 * When an upload last brought something a manager should look at again: a high flag, an
		 * answer of serious concern, "needs support", an urgent escalation or an amendment.
		 */
		attentionAt: timestamp('attention_at', { withTimezone: true }),
		/** A manager marked the conversation reviewed; it needs review again after `attention_at`. */
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewNote: text('review_note')
	},
	(table) => [
		check('conversations_status_check', sql`${table.status} in ('draft', 'completed')`),
		// Not on version: every upload changes it, and an index on it would make every update of a
		// conversation write all its indexes again (no HOT update). A pull reads a person's rows.
		index('conversations_user_idx').on(table.userId),
		index('conversations_location_idx').on(table.locationId, table.startedAt),
		index('conversations_team_started_idx').on(table.teamId, table.startedAt),
		index('conversations_postcode_idx').on(table.postcode),
		index('conversations_region_started_idx').on(table.region, table.startedAt)
	]
);

/** One row per answered question; a cleared answer stays as a tombstone (`deleted`). */
export const answers = pgTable(
	'answers',
	{
		/** `${conversationId}:${questionId}` */
		id: text('id').primaryKey(),
		conversationId: uuid('conversation_id')
			.$type<ConversationId>()
			.notNull()
			.references(() => conversations.id),
		questionId: text('question_id').$type<QuestionId>().notNull(),
		optionId: text('option_id'),
		notes: text('notes').notNull().default(''),
		evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
		deleted: boolean('deleted').notNull().default(false),
		/** The chosen option's concern ('none', 'some', 'serious'), for the review queue. */
		concern: text('concern'),
		version: bigint('version', { mode: 'number' }).notNull(),
		/** The writer's clock, corrected to the server's and never ahead of it: decides conflicts. */
		writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
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
		conversationId: uuid('conversation_id').$type<ConversationId>().notNull(),
		questionId: text('question_id').$type<QuestionId>().notNull(),
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
			.$type<ConversationId>()
			.notNull()
			.references(() => conversations.id),
		questionId: text('question_id').$type<QuestionId>().notNull(),
		area: integer('area').notNull(),
		severity: text('severity', { enum: ['low', 'medium', 'high'] }).notNull(),
		reason: text('reason').notNull(),
		raisedBy: text('raised_by', { enum: ['answer', 'inspector'] }).notNull(),
		status: text('status', { enum: ['raised', 'withdrawn'] }).notNull(),
		withdrawnReason: text('withdrawn_reason'),
		raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		version: bigint('version', { mode: 'number' }).notNull(),
		/** 3 high, 2 medium, 1 low: the review queue sorts by it. */
		severityRank: smallint('severity_rank').notNull().default(1),
		// The manager's review; the inspector's uploads never write these columns.
		reviewStatus: text('review_status', { enum: REVIEW_STATUSES }).notNull().default('open'),
		escalatedTo: text('escalated_to', { enum: ESCALATION_TARGETS }),
		urgency: text('urgency', { enum: ['urgent', 'routine'] }),
		assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		followUpDue: date('follow_up_due', { mode: 'string' }),
		reviewNote: text('review_note'),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		/** When a manager last confirmed or changed the severity after an amended answer. */
		severityConfirmedAt: timestamp('severity_confirmed_at', { withTimezone: true }),
		/** Goes up with every review decision; a decision made on an older one is refused. */
		reviewVersion: integer('review_version').notNull().default(0)
	},
	(table) => [
		check('flags_severity_check', sql`${table.severity} in ('low', 'medium', 'high')`),
		check('flags_status_check', sql`${table.status} in ('raised', 'withdrawn')`),
		check(
			'flags_review_status_check',
			sql`${table.reviewStatus} in ('open', 'acknowledged', 'escalated', 'follow-up', 'resolved')`
		),
		index('flags_conversation_idx').on(table.conversationId),
		index('flags_raised_idx').on(table.raisedAt, table.id),
		index('flags_status_raised_idx').on(table.reviewStatus, table.raisedAt),
		index('flags_area_raised_idx').on(table.area, table.raisedAt),
		index('flags_severity_raised_idx').on(table.severityRank, table.raisedAt, table.id),
		index('flags_due_idx')
			.on(table.followUpDue)
			.where(sql`${table.reviewStatus} <> 'resolved' and ${table.followUpDue} is not null`)
	]
);
