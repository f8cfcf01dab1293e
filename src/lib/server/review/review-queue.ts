/**
 * The review queue: flags, or conversations that need review, in the manager's scope, filtered,
 * searched, sorted and paged by cursor, with counts per filter choice.
 */
import { and, count, eq, exists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
	REVIEW_PAGE_SIZE,
	type FlagCounts,
	type ReviewQuery
} from '$lib/domain/review/review-query.schema';
import type { Database } from '../db/database';
import { answers, conversations, flags, questionReturns, users } from '../db/schema';
import { afterCursor, cursorOf, orderBy, sortKey } from './review-cursor';
import {
	conversationConditions,
	dateRange,
	flagConditions,
	needsReview,
	overdue,
	type ConversationDimension,
	type FlagDimension,
	mineOnly
} from './review-filters';
import type { Reviewer } from './review-scope';

const inspector = alias(users, 'inspector');
const assignee = alias(users, 'assignee');
const decider = alias(users, 'decider');

export const flagQueueColumns = {
	id: flags.id,
	conversationId: flags.conversationId,
	questionId: flags.questionId,
	area: flags.area,
	severity: flags.severity,
	severityRank: flags.severityRank,
	reason: flags.reason,
	flagStatus: flags.status,
	reviewStatus: flags.reviewStatus,
	escalatedTo: flags.escalatedTo,
	urgency: flags.urgency,
	followUpDue: flags.followUpDue,
	raisedAt: flags.raisedAt,
	assigneeName: assignee.name,
	locationId: conversations.locationId,
	locationName: conversations.locationName,
	postcode: conversations.postcode,
	region: conversations.region,
	sector: conversations.sector,
	inspectorName: inspector.name,
	/** The inspector's notes on the flagged question's answer. */
	notes: answers.notes,
	reviewNote: flags.reviewNote,
	reviewedAt: flags.reviewedAt,
	reviewedByName: decider.name
};
export type FlagQueueItem = Awaited<ReturnType<typeof flagSelect>>[number];

type Dimension = FlagDimension | ConversationDimension;
const FLAG_DIMENSIONS: readonly Dimension[] = ['area', 'severity', 'status', 'overdue'];

/** The flag queue's conditions: with no status chosen it shows the flags not resolved. */
function flagWhere(reviewer: Reviewer, query: ReviewQuery, today: string, leaveOut?: Dimension) {
	const flagOut =
		leaveOut && FLAG_DIMENSIONS.includes(leaveOut) ? (leaveOut as FlagDimension) : undefined;
	const conversationOut = flagOut ? undefined : (leaveOut as ConversationDimension | undefined);
	return [
		...conversationConditions(reviewer, query, conversationOut),
		...flagConditions(query, today, flagOut, { notResolvedByDefault: true }),
		...mineOnly(reviewer, query),
		...dateRange(flags.raisedAt, query)
	];
}

function flagSelect(db: Database, where: SQL[]) {
	return db
		.select(flagQueueColumns)
		.from(flags)
		.innerJoin(conversations, eq(conversations.id, flags.conversationId))
		.innerJoin(inspector, eq(inspector.id, conversations.userId))
		.leftJoin(assignee, eq(assignee.id, flags.assigneeId))
		.leftJoin(decider, eq(decider.id, flags.reviewedBy))
		.leftJoin(answers, eq(answers.id, flags.id))
		.where(and(...where));
}

export function flagCursorValues(sort: ReviewQuery['sort'], item: FlagQueueItem): unknown[] {
	const raised = item.raisedAt.toISOString();
	if (sort === 'severity') return [item.severityRank, raised, item.id];
	if (sort === 'due') return [item.followUpDue ?? '9999-12-31', item.id];
	return [raised, item.id];
}

export async function listFlags(
	db: Database,
	reviewer: Reviewer,
	query: ReviewQuery,
	today: string,
	pageSize = REVIEW_PAGE_SIZE
): Promise<{ items: FlagQueueItem[]; next: string | null }> {
	const key = sortKey('flags', query.sort);
	const after = afterCursor(key, query.after);
	const rows = await flagSelect(db, [
		...flagWhere(reviewer, query, today),
		...(after ? [after] : [])
	])
		.orderBy(...orderBy(key))
		.limit(pageSize + 1);
	const items = rows.slice(0, pageSize);
	const next =
		rows.length > pageSize ? cursorOf(flagCursorValues(query.sort, items.at(-1)!)) : null;
	return { items, next };
}

/** Every row of a keyset-paged list, read 2,000 at a time, for the CSV exports. */
async function* everyRow<T>(
	page: (after: string | undefined) => Promise<{ items: T[]; next: string | null }>
): AsyncGenerator<T> {
	let after: string | undefined;
	do {
		const { items, next } = await page(after);
		yield* items;
		after = next ?? undefined;
	} while (after);
}

const CSV_PAGE = 2_000;

/** Every flag the filters match, for the CSV export. */
export const allFlags = (db: Database, reviewer: Reviewer, query: ReviewQuery, today: string) =>
	everyRow((after) => listFlags(db, reviewer, { ...query, after }, today, CSV_PAGE));

/** How many flags each choice of a filter would show, with the other filters applied. */
export async function countFlags(
	db: Database,
	reviewer: Reviewer,
	query: ReviewQuery,
	today: string
): Promise<FlagCounts> {
	const grouped = async (dimension: Exclude<Dimension, 'overdue'>) => {
		const column = {
			status: flags.reviewStatus,
			severity: flags.severity,
			area: flags.area,
			sector: conversations.sector,
			region: conversations.region,
			inspector: conversations.userId
		}[dimension];
		const rows = await db
			.select({ value: column, count: count() })
			.from(flags)
			.innerJoin(conversations, eq(conversations.id, flags.conversationId))
			.where(and(...flagWhere(reviewer, query, today, dimension)))
			.groupBy(column);
		return Object.fromEntries(rows.map((row) => [String(row.value), row.count]));
	};
	const total = async (where: SQL[]) => {
		const [row] = await db
			.select({ count: count() })
			.from(flags)
			.innerJoin(conversations, eq(conversations.id, flags.conversationId))
			.where(and(...where));
		return row?.count ?? 0;
	};
	const [status, severity, area, sector, region, inspector, all, overdueCount] = await Promise.all([
		grouped('status'),
		grouped('severity'),
		grouped('area'),
		grouped('sector'),
		grouped('region'),
		grouped('inspector'),
		total(flagWhere(reviewer, query, today)),
		total([...flagWhere(reviewer, query, today, 'overdue'), overdue(today)])
	]);
	return { total: all, status, severity, area, sector, region, inspector, overdue: overdueCount };
}

export type ConversationQueueItem = Awaited<ReturnType<typeof listConversations>>['items'][number];

/** The conditions of the conversations view, before its cursor. */
function conversationWhere(db: Database, reviewer: Reviewer, query: ReviewQuery, today: string) {
	const flagFilter = flagConditions(query, today);
	return [
		...conversationConditions(reviewer, query),
		...dateRange(conversations.startedAt, query),
		needsReview,
		...(flagFilter.length > 0
			? [
					exists(
						db
							.select({ one: sql`1` })
							.from(flags)
							.where(and(eq(flags.conversationId, conversations.id), ...flagFilter))
					)
				]
			: [])
	];
}

/** How many conversations the conversations view lists with these filters, on every page. */
export async function countConversations(
	db: Database,
	reviewer: Reviewer,
	query: ReviewQuery,
	today: string
): Promise<number> {
	const [row] = await db
		.select({ count: count() })
		.from(conversations)
		.where(and(...conversationWhere(db, reviewer, query, today)));
	return row?.count ?? 0;
}

export async function listConversations(
	db: Database,
	reviewer: Reviewer,
	query: ReviewQuery,
	today: string,
	pageSize = REVIEW_PAGE_SIZE
) {
	const key = sortKey('conversations', query.sort);
	const after = afterCursor(key, query.after);
	const where = [...conversationWhere(db, reviewer, query, today), ...(after ? [after] : [])];
	const rows = await db
		.select({
			id: conversations.id,
			locationId: conversations.locationId,
			locationName: conversations.locationName,
			locationListed: conversations.locationListed,
			postcode: conversations.postcode,
			region: conversations.region,
			sector: conversations.sector,
			status: conversations.status,
			outcome: conversations.outcome,
			urgent: conversations.urgent,
			startedAt: conversations.startedAt,
			inspectorName: inspector.name,
			highFlags: sql<number>`(select count(*)::int from ${flags} where ${flags.conversationId} = ${conversations.id} and ${flags.severity} = 'high' and ${flags.status} = 'raised')`,
			openFlags: sql<number>`(select count(*)::int from ${flags} where ${flags.conversationId} = ${conversations.id} and ${flags.reviewStatus} <> 'resolved')`,
			returnsOpen: sql<number>`(select count(*)::int from ${questionReturns} where ${questionReturns.conversationId} = ${conversations.id} and ${questionReturns.status} = 'open')`,
			returnsAnswered: sql<number>`(select count(*)::int from ${questionReturns} where ${questionReturns.conversationId} = ${conversations.id} and ${questionReturns.status} = 'answered')`
		})
		.from(conversations)
		.innerJoin(inspector, eq(inspector.id, conversations.userId))
		.where(and(...where))
		.orderBy(...orderBy(key))
		.limit(pageSize + 1);
	const items = rows.slice(0, pageSize);
	const last = items.at(-1);
	const next =
		rows.length > pageSize && last ? cursorOf([last.startedAt.toISOString(), last.id]) : null;
	return { items, next };
}

/** Every conversation the filters match, for the CSV export. */
export const allConversations = (
	db: Database,
	reviewer: Reviewer,
	query: ReviewQuery,
	today: string
) => everyRow((after) => listConversations(db, reviewer, { ...query, after }, today, CSV_PAGE));
