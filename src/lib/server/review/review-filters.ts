/**
 * The review queue's filters as SQL conditions over conversations (c) and flags (f). The same
 * conditions serve the page, its counts, the charts and the CSV export, so they always agree.
 */
import { and, eq, gte, ilike, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ReviewQuery } from '$lib/domain/review/review-query.schema';
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
	if (query.sector && leaveOut !== 'sector') {
		conditions.push(eq(conversations.sector, query.sector));
	}
	if (query.region && leaveOut !== 'region') {
		conditions.push(eq(conversations.region, query.region));
	}
	if (query.inspector && leaveOut !== 'inspector') {
		conditions.push(eq(conversations.userId, query.inspector));
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

/** Conditions on the flag; `leaveOut` drops one, to count the choices of that filter. */
export function flagConditions(query: ReviewQuery, today: string, leaveOut?: FlagDimension): SQL[] {
	const conditions: SQL[] = [];
	if (query.area && leaveOut !== 'area') conditions.push(eq(flags.area, query.area));
	if (query.severity && leaveOut !== 'severity') {
		conditions.push(eq(flags.severity, query.severity));
	}
	if (query.status && leaveOut !== 'status') conditions.push(eq(flags.reviewStatus, query.status));
	if (query.overdue && leaveOut !== 'overdue') conditions.push(overdue(today));
	return conditions;
}

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
 * an answer shows serious concern, it has a high flag, or a question was sent back.
 */
export const needsReview: SQL = sql`(${conversations.outcome} = 'needs-support'
	or ${conversations.urgent}
	or exists (select 1 from ${flags} where ${flags.conversationId} = ${conversations.id}
		and ${flags.severity} = 'high' and ${flags.status} = 'raised')
	or exists (select 1 from ${answers} where ${answers.conversationId} = ${conversations.id}
		and ${answers.concern} = 'serious' and not ${answers.deleted})
	or exists (select 1 from ${questionReturns}
		where ${questionReturns.conversationId} = ${conversations.id}))`;
