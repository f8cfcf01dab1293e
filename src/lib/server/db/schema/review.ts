import type { ConversationId, QuestionId } from '$lib/domain/ids';
import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	index,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { conversations } from './conversations';

/**
 * Append-only (a trigger refuses UPDATE and DELETE): every review decision, comment, question sent
 * back, amendment, severity confirmed after an amendment, conversation marked reviewed, and flag
 * the inspector raised, changed or withdrew, with who, when, from and to. The conversation's
 * audit trail.
 */
export const reviewEvents = pgTable(
	'review_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		conversationId: uuid('conversation_id')
			.$type<ConversationId>()
			.notNull()
			.references(() => conversations.id),
		/** The flag's id, for decisions and comments on a flag. */
		flagId: text('flag_id'),
		questionId: text('question_id').$type<QuestionId>(),
		kind: text('kind', {
			enum: [
				'decision',
				'comment',
				'question-returned',
				'question-amended',
				'conversation-reviewed',
				'flag-raised',
				'flag-changed',
				'flag-withdrawn',
				'severity-confirmed'
			]
		}).notNull(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		actorName: text('actor_name').notNull(),
		fromStatus: text('from_status'),
		toStatus: text('to_status'),
		note: text('note').notNull().default(''),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		check(
			'review_events_kind_check',
			sql`${table.kind} in ('decision', 'comment', 'question-returned', 'question-amended', 'conversation-reviewed', 'flag-raised', 'flag-changed', 'flag-withdrawn', 'severity-confirmed')`
		),
		index('review_events_conversation_idx').on(table.conversationId, table.id),
		index('review_events_flag_idx').on(table.flagId, table.id)
	]
);

/** A question a manager sent back to the inspector; answered by the inspector's amendment. */
export const questionReturns = pgTable(
	'question_returns',
	{
		id: uuid('id').primaryKey(),
		conversationId: uuid('conversation_id')
			.$type<ConversationId>()
			.notNull()
			.references(() => conversations.id),
		questionId: text('question_id').$type<QuestionId>().notNull(),
		comment: text('comment').notNull(),
		returnedBy: uuid('returned_by').references(() => users.id, { onDelete: 'set null' }),
		returnedByName: text('returned_by_name').notNull(),
		returnedAt: timestamp('returned_at', { withTimezone: true }).notNull().defaultNow(),
		status: text('status', { enum: ['open', 'answered'] })
			.notNull()
			.default('open'),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		answerMutationId: uuid('answer_mutation_id'),
		reply: text('reply'),
		/** The answer's option before the amendment; null while open, or when it had none. */
		originalOptionId: text('original_option_id')
	},
	(table) => [
		check('question_returns_status_check', sql`${table.status} in ('open', 'answered')`),
		index('question_returns_conversation_idx').on(table.conversationId, table.questionId)
	]
);
