import { DomainError } from '$lib/domain/errors';
import { readReviewQuery, reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { countFlags, listConversations, listFlags } from '$lib/server/review/review-queue';
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
	'sort'
]);
const toShownField = (error: { field: string; message: string }) =>
	SHOWN.has(error.field) ? error : { ...error, field: 'filters' };

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
				? listConversations(db, reviewer, query, today).then((found) => ({
						view: 'conversations' as const,
						...found
					}))
				: listFlags(db, reviewer, query, today).then((found) => ({
						view: 'flags' as const,
						...found
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
