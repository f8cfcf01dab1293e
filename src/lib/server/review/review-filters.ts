/**
 * The review queue's filters as SQL conditions over conversations (c) and flags (f). The same
 * conditions serve the page, its counts, the charts and the CSV export, so they always agree.
 */
import { and, eq, gte, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { statusesShown, type ReviewQuery } from '$lib/domain/review/review-query.schema';
import { answers, conversations, flags, questionReturns } from '../db/schema';
import { reviewScope, type Reviewer } from './review-scope';

export type FlagDimension = 'area' | 'severity' | 'status' | 'overdue';
export type ConversationDimension = 'sector' | 'region' | 'inspector';

const nextDay = (date: string) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The moment a UK calendar day starts: midnight in London, an hour before UTC in summer. */
export function ukMidnight(date: string): Date {
	const noon = new Date(`${date}T12:00:00Z`);
	const offset = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		timeZoneName: 'longOffset'
	})
		.format(noon)
		.replace(/^.*GMT/, '');
	return new Date(`${date}T00:00:00${offset || 'Z'}`);
}
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Conditions on the conversation: team scope, sector, region, inspector and search. */
export function conversationConditions(
	reviewer: Reviewer,
	query: ReviewQuery,
	leaveOut?: ConversationDimension
): SQL[] {
	const conditions: SQL[] = [reviewScope(reviewer)];
	if (query.sector.length > 0 && leaveOut !== 'sector') {
		conditions.push(inArray(conversations.sector, query.sector));
	}
	if (query.region.length > 0 && leaveOut !== 'region') {
		conditions.push(inArray(conversations.region, query.region));
	}
	if (query.inspector && leaveOut !== 'inspector') {
		conditions.push(eq(conversations.userId, query.inspector));
	}
	// Flags whose follow-up the reviewer has; conversations with any such flag.
	if (query.mine) {
		conditions.push(
			sql`exists (select 1 from ${flags} where ${flags.conversationId} = ${conversations.id} and ${flags.assigneeId} = ${reviewer.id})`
		);
	}
	if (query.q) {
		const compactPostcode = query.q.toUpperCase().replace(/\s+/g, '');
		conditions.push(
			or(
				eq(conversations.locationId, query.q.toUpperCase()),
				eq(conversations.locationId, query.q),
				sql`replace(${conversations.postcode}, ' ', '') like ${escapeLike(compactPostcode) + '%'}`,
				ilike(conversations.locationName, `%${escapeLike(query.q)}%`)
			)!
		);
	}
	return conditions;
}

/**
 * Conditions on the flag; `leaveOut` drops one, to count the choices of that filter. Several
 * values of a filter mean any of them. With `notResolvedByDefault`, no status chosen means every
 * status but resolved, as the flag queue shows; elsewhere it means every status.
 */
export function flagConditions(
	query: ReviewQuery,
	today: string,
	leaveOut?: FlagDimension,
	{ notResolvedByDefault = false } = {}
): SQL[] {
	const conditions: SQL[] = [];
	if (query.area.length > 0 && leaveOut !== 'area') {
		conditions.push(inArray(flags.area, query.area));
	}
	if (query.severity.length > 0 && leaveOut !== 'severity') {
		conditions.push(inArray(flags.severity, query.severity));
	}
	const statuses = notResolvedByDefault ? statusesShown(query) : query.status;
	if (statuses.length > 0 && leaveOut !== 'status') {
		conditions.push(inArray(flags.reviewStatus, statuses));
	}
	if (query.overdue && leaveOut !== 'overdue') conditions.push(overdue(today));
	if (query.attention) conditions.push(needsAttention(today));
	return conditions;
}

/**
 * What a manager should look at first: an urgent escalation, a high flag nobody has looked at,
 * an overdue follow-up, or a flag whose answer was amended since its severity was last weighed
 * (as `amendmentAwaitingSeverity` in domain/review/amended-answer.ts).
 */
export function needsAttention(today: string): SQL {
	return sql`(${flags.reviewStatus} <> 'resolved' and (
		(${flags.reviewStatus} = 'escalated' and ${flags.urgency} = 'urgent')
		or (${flags.reviewStatus} = 'open' and ${flags.severity} = 'high' and ${flags.status} = 'raised')
		or ${flags.followUpDue} < ${today}
		or (${flags.status} = 'raised' and exists (
			select 1 from ${questionReturns} amended
			where amended.conversation_id = ${flags.conversationId}
				and amended.question_id = ${flags.questionId}
				and amended.status = 'answered'
				and (${flags.severityConfirmedAt} is null or amended.answered_at > ${flags.severityConfirmedAt})
				and amended.original_option_id is distinct from
					(select given.option_id from ${answers} given where given.id = ${flags.id})))))`;
}

/** With "assigned to me", only the flags whose follow-up is the reviewer's. */
export const mineOnly = (reviewer: Reviewer, query: ReviewQuery): SQL[] =>
	query.mine ? [eq(flags.assigneeId, reviewer.id)] : [];

export function overdue(today: string): SQL {
	return and(ne(flags.reviewStatus, 'resolved'), lt(flags.followUpDue, today))!;
}

/** The date range on a timestamp column, from the start of `from` to the end of `to`, UK days. */
export function dateRange(
	column: typeof flags.raisedAt | typeof conversations.startedAt,
	query: ReviewQuery
): SQL[] {
	const conditions: SQL[] = [];
	if (query.from) conditions.push(gte(column, ukMidnight(query.from)));
	if (query.to) conditions.push(lt(column, ukMidnight(nextDay(query.to))));
	return conditions;
}

/**
 * A conversation needs review when its outcome is "needs support", it was escalated as urgent,
 * an answer shows serious concern, it has a high flag, or a question was sent back, unless a
 * manager marked it reviewed and nothing asking for attention arrived since.
 */
export const needsReview: SQL = sql`((${conversations.outcome} = 'needs-support'
	or ${conversations.urgent}
	or exists (select 1 from ${flags} where ${flags.conversationId} = ${conversations.id}
		and ${flags.severity} = 'high' and ${flags.status} = 'raised')
	or exists (select 1 from ${answers} where ${answers.conversationId} = ${conversations.id}
		and ${answers.concern} = 'serious' and not ${answers.deleted})
	or exists (select 1 from ${questionReturns}
		where ${questionReturns.conversationId} = ${conversations.id}))
	and (${conversations.reviewedAt} is null
		or ${conversations.attentionAt} > ${conversations.reviewedAt}))`;
