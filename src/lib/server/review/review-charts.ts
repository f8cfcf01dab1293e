/** Figures for the review charts, over the same filters as the queue. */
import { and, count, eq, gte, isNotNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ReviewQuery } from '$lib/domain/review/review-query.schema';
import type { Database } from '../db/database';
import { conversations, flags, users } from '../db/schema';
import {
	conversationConditions,
	dateRange,
	flagConditions,
	mineOnly,
	overdue
} from './review-filters';
import type { Reviewer } from './review-scope';

const WEEKS = 12;
const assignee = alias(users, 'assignee');

export async function reviewCharts(
	db: Database,
	reviewer: Reviewer,
	query: ReviewQuery,
	today: string
) {
	const where = [
		...conversationConditions(reviewer, query),
		...flagConditions(query, today),
		...mineOnly(reviewer, query),
		...dateRange(flags.raisedAt, query)
	];
	const since = new Date(Date.parse(`${today}T00:00:00Z`) - WEEKS * 7 * 86_400_000);
	const week = sql<string>`to_char(date_trunc('week', ${flags.raisedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
	const [byWeek, byRegion, followUps] = await Promise.all([
		db
			.select({ week, area: flags.area, count: count() })
			.from(flags)
			.innerJoin(conversations, eq(conversations.id, flags.conversationId))
			.where(and(...where, gte(flags.raisedAt, since)))
			.groupBy(week, flags.area)
			.orderBy(week),
		db
			.select({ region: conversations.region, count: count() })
			.from(flags)
			.innerJoin(conversations, eq(conversations.id, flags.conversationId))
			.where(and(...where))
			.groupBy(conversations.region)
			.orderBy(conversations.region),
		db
			.select({
				name: sql<string>`coalesce(${assignee.name}, 'No one')`,
				open: count(),
				overdue: sql<number>`count(*) filter (where ${overdue(today)})`.mapWith(Number)
			})
			.from(flags)
			.innerJoin(conversations, eq(conversations.id, flags.conversationId))
			.leftJoin(assignee, eq(assignee.id, flags.assigneeId))
			.where(and(...where, ne(flags.reviewStatus, 'resolved'), isNotNull(flags.followUpDue)))
			.groupBy(assignee.id, assignee.name)
			.orderBy(assignee.name, assignee.id)
	]);
	return { weeks: weekStarts(since, WEEKS + 1), byWeek, byRegion, followUps };
}

/** Mondays from the week of `since`, so weeks without flags still show as empty. */
function weekStarts(since: Date, count: number): string[] {
	const monday = new Date(since);
	monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
	return Array.from({ length: count }, (_, i) =>
		new Date(monday.getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10)
	);
}
