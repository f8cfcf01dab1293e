import { readReviewQuery, reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { reviewCharts } from '$lib/server/review/review-charts';
import { serverDatabase } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const read = readReviewQuery(url);
	if (!read.ok) {
		return { errors: read.errors.map((error) => ({ ...error, field: 'filters' })), charts: null };
	}
	const today = todayInUk();
	return {
		errors: [],
		charts: await reviewCharts(serverDatabase().db, reviewerOf(locals), read.query, today)
	};
};
