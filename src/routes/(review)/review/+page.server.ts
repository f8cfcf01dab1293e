import { DomainError } from '$lib/domain/errors';
import { readReviewQuery, reviewerOf, todayInUk } from '$lib/server/http/review-request';
import {
	countConversations,
	countFlags,
	listConversations,
	listFlags
} from '$lib/server/review/review-queue';
import { reviewPeople } from '$lib/server/review/review-people';
import { serverDatabase } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

/** Filters shown as fields keep their own link; the others point at the filter heading. */
const SHOWN = new Set([
	'q',
	'area',
	'severity',
	'status',
	'sector',
	'region',
	'inspector',
	'from',
	'to',
	'overdue',
	'mine',
	'attention',
	'sort'
]);
const toShownField = (error: { field: string; message: string }) => {
	// One of several values of a filter ("area.1") is that filter's field.
	const field = error.field.split('.')[0]!;
	return { ...error, field: SHOWN.has(field) ? field : 'filters' };
};

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = serverDatabase();
	const reviewer = reviewerOf(locals);
	const today = todayInUk();
	const people = await reviewPeople(db, reviewer);
	const read = readReviewQuery(url);
	if (!read.ok) {
		return { today, people, query: read.raw, errors: read.errors.map(toShownField), result: null };
	}
	const { query } = read;
	try {
		const [counts, page] = await Promise.all([
			countFlags(db, reviewer, query, today),
			query.view === 'conversations'
				? Promise.all([
						listConversations(db, reviewer, query, today),
						countConversations(db, reviewer, query, today)
					]).then(([found, total]) => ({ view: 'conversations' as const, ...found, total }))
				: listFlags(db, reviewer, query, today).then((found) => ({
						view: 'flags' as const,
						...found,
						total: null
					}))
		]);
		return { today, people, query, errors: [], result: { counts, page } };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return {
			today,
			people,
			query,
			errors: [{ field: 'filters', message: error.message }],
			result: null
		};
	}
};
