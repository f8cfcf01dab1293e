/**
 * Keyset paging for the review queue: the cursor holds the sort values of the last row shown, so
 * a page costs the same at row 10 and row 100,000, and rows added meanwhile do not shift pages.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ReviewQuery } from '$lib/domain/review/review-query.schema';
import { DomainError } from '$lib/domain/errors';
import { conversations, flags } from '../db/schema';

type Sort = NonNullable<ReviewQuery['sort']>;
type Key = { columns: SQL[]; direction: 'asc' | 'desc'; casts: string[] };

const FAR_FUTURE = '9999-12-31';

function flagKey(sort: Sort): Key {
	switch (sort) {
		case 'oldest':
			return {
				columns: [sql`${flags.raisedAt}`, sql`${flags.id}`],
				direction: 'asc',
				casts: ['timestamptz', 'text']
			};
		case 'severity':
			return {
				columns: [sql`${flags.severityRank}`, sql`${flags.raisedAt}`, sql`${flags.id}`],
				direction: 'desc',
				casts: ['smallint', 'timestamptz', 'text']
			};
		case 'due':
			return {
				columns: [sql`coalesce(${flags.followUpDue}, ${FAR_FUTURE}::date)`, sql`${flags.id}`],
				direction: 'asc',
				casts: ['date', 'text']
			};
		case 'newest':
			return {
				columns: [sql`${flags.raisedAt}`, sql`${flags.id}`],
				direction: 'desc',
				casts: ['timestamptz', 'text']
			};
	}
}

function conversationKey(sort: Sort): Key {
	const direction = sort === 'oldest' ? 'asc' : 'desc';
	return {
		columns: [sql`${conversations.startedAt}`, sql`${conversations.id}`],
		direction,
		casts: ['timestamptz', 'uuid']
	};
}

export function sortKey(view: 'flags' | 'conversations', sort: Sort = 'newest'): Key {
	return view === 'flags' ? flagKey(sort) : conversationKey(sort);
}

export function orderBy(key: Key): SQL[] {
	return key.columns.map((column) =>
		key.direction === 'asc' ? sql`${column} asc` : sql`${column} desc`
	);
}

/** Rows after the cursor, or a refusal when the cursor is not one this queue made. */
export function afterCursor(key: Key, cursor: string | undefined): SQL | undefined {
	if (!cursor) return undefined;
	let values: unknown;
	try {
		values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		values = null;
	}
	if (
		!Array.isArray(values) ||
		values.length !== key.columns.length ||
		!values.every((value, i) => CAST_CHECKS[key.casts[i]!]!(value))
	) {
		throw new DomainError(
			'INVALID_ARGS',
			'This page link is out of date. Go back to the first page.'
		);
	}
	const left = sql.join(key.columns, sql`, `);
	const right = sql.join(
		values.map((value, i) => sql`${value}::${sql.raw(key.casts[i]!)}`),
		sql`, `
	);
	return key.direction === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

export function cursorOf(values: unknown[]): string {
	return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** A value the database will cast without an error, so a forged cursor gets a clear refusal. */
const CAST_CHECKS: Record<string, (value: unknown) => boolean> = {
	timestamptz: (value) => typeof value === 'string' && isoRoundTrip(value) === value,
	// The due-date sort puts flags without a date last, as 9999-12-31.
	date: (value) =>
		typeof value === 'string' &&
		(value === FAR_FUTURE || isoRoundTrip(`${value}T00:00:00.000Z`) === `${value}T00:00:00.000Z`),
	smallint: (value) => Number.isInteger(value) && Math.abs(value as number) < 32_768,
	text: (value) => typeof value === 'string' && !value.includes('\0'),
	uuid: (value) =>
		typeof value === 'string' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value)
};

/** The value written back as ISO 8601, only for years 1900 to 2999, which every database takes. */
function isoRoundTrip(value: string): string | undefined {
	const time = Date.parse(value);
	if (Number.isNaN(time)) return undefined;
	const iso = new Date(time).toISOString();
	return iso >= '1900' && iso < '3000' ? iso : undefined;
}
