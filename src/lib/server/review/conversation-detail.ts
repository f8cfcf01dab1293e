/**
 * Everything a manager sees about one conversation: answers, notes and flags, each answer's
 * history (values that lost a conflict included), the audit trail, questions sent back and the
 * location's earlier conversations with repeated concern in an area pointed out.
 */
import type { Conversation } from '$lib/domain/conversation/conversation.schema';
import { byQuestion, type ConversationId } from '$lib/domain/ids';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import { amendmentAwaitingSeverity } from '$lib/domain/review/amended-answer';
import type { Database } from '../db/database';
import {
	answerHistory,
	conversations,
	flags,
	questionReturns,
	reviewEvents,
	users
} from '../db/schema';
import { concernOf, fromRows } from '../conversations/rows';
import { loadConversation } from '../repos/conversations.repo';
import { canReview, reviewScope, type Reviewer } from './review-scope';

const assignee = alias(users, 'assignee');

export async function conversationForReview(db: Database, reviewer: Reviewer, id: ConversationId) {
	const found = await loadConversation(db, id);
	if (!found || !canReview(reviewer, found.row.teamId)) return undefined;
	const { row } = found;
	const [owner, history, flagRows, events, returns, earlier] = await Promise.all([
		db.select({ name: users.name }).from(users).where(eq(users.id, row.userId)),
		db
			.select()
			.from(answerHistory)
			.where(eq(answerHistory.conversationId, id))
			.orderBy(asc(answerHistory.id)),
		db
			.select({ flag: flags, assigneeName: assignee.name, assigneeActive: assignee.active })
			.from(flags)
			.leftJoin(assignee, eq(assignee.id, flags.assigneeId))
			.where(eq(flags.conversationId, id))
			.orderBy(asc(flags.questionId)),
		db
			.select()
			.from(reviewEvents)
			.where(eq(reviewEvents.conversationId, id))
			.orderBy(asc(reviewEvents.id)),
		db
			.select()
			.from(questionReturns)
			.where(eq(questionReturns.conversationId, id))
			.orderBy(asc(questionReturns.returnedAt)),
		locationHistory(db, reviewer, row.locationId, id)
	]);
	const { conversation } = fromRows({
		conversation: row,
		answers: found.answerRows,
		flags: found.flagRows
	});
	return {
		conversation,
		questionSet: BUNDLED_QUESTION_SETS.find(
			(set) => set.id === row.questionSetId && set.version === row.questionSetVersion
		),
		locationListed: row.locationListed,
		inspectorName: owner[0]?.name ?? 'Unknown',
		teamId: row.teamId,
		history,
		flags: flagRows.map((entry) => ({
			...entry,
			severityToWeigh:
				entry.flag.status === 'raised' &&
				amendmentAwaitingSeverity(
					returns,
					entry.flag.questionId,
					conversation.answers[entry.flag.questionId]?.optionId ?? null,
					entry.flag.severityConfirmedAt
				) !== null
		})),
		events,
		returns,
		locationHistory: earlier,
		reviewed: lastReview(row, events),
		needsReview: asksForReview(conversation, returns.length > 0)
	};
}

/** The reasons of the list of conversations that need review (review-filters.ts), in memory. */
function asksForReview(conversation: Conversation, sentBack: boolean): boolean {
	return (
		sentBack ||
		conversation.outcome.decision === 'needs-support' ||
		conversation.escalation.urgent === true ||
		byQuestion(conversation.flags).some(
			([, flag]) => flag.status === 'raised' && flag.severity === 'high'
		) ||
		byQuestion(conversation.answers).some(
			([id, answer]) => concernOf(conversation, id, answer) === 'serious'
		)
	);
}

/**
 * The manager's last "reviewed" of the conversation, and whether something needing attention
 * arrived since, which puts it back on the list of conversations that need review.
 */
function lastReview(
	row: { reviewedAt: Date | null; attentionAt: Date | null; reviewNote: string | null },
	events: { kind: string; actorName: string }[]
) {
	if (!row.reviewedAt) return null;
	return {
		at: row.reviewedAt,
		by: events.findLast((event) => event.kind === 'conversation-reviewed')?.actorName ?? 'Unknown',
		note: row.reviewNote ?? '',
		newSince: row.attentionAt !== null && row.attentionAt > row.reviewedAt
	};
}

/** The location's other conversations in the manager's scope, newest first, with their flags. */
async function locationHistory(
	db: Database,
	reviewer: Reviewer,
	locationId: string,
	exceptId: ConversationId
) {
	const others = await db
		.select({
			id: conversations.id,
			startedAt: conversations.startedAt,
			status: conversations.status,
			outcome: conversations.outcome
		})
		.from(conversations)
		.where(
			and(
				eq(conversations.locationId, locationId),
				ne(conversations.id, exceptId),
				reviewScope(reviewer)
			)
		)
		.orderBy(desc(conversations.startedAt))
		.limit(20);
	const ids = [exceptId, ...others.map((other) => other.id)];
	const flagRows = await db
		.select({
			conversationId: flags.conversationId,
			questionId: flags.questionId,
			area: flags.area,
			severity: flags.severity,
			status: flags.status,
			reviewStatus: flags.reviewStatus
		})
		.from(flags)
		.where(and(inArray(flags.conversationId, ids), eq(flags.status, 'raised')));
	const conversationsPerArea = new Map<number, Set<string>>();
	for (const flag of flagRows) {
		const set = conversationsPerArea.get(flag.area) ?? new Set<string>();
		conversationsPerArea.set(flag.area, set.add(flag.conversationId));
	}
	const repeatedAreas = [...conversationsPerArea]
		.filter(([, seen]) => seen.size > 1 && seen.has(exceptId))
		.map(([area, seen]) => ({ area, conversations: seen.size }))
		.sort((a, b) => a.area - b.area);
	return {
		conversations: others.map((other) => ({
			...other,
			flags: flagRows.filter((flag) => flag.conversationId === other.id)
		})),
		repeatedAreas
	};
}

export type ConversationForReview = NonNullable<Awaited<ReturnType<typeof conversationForReview>>>;
