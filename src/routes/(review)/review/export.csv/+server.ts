import { json } from '@sveltejs/kit';
import { csvResponse } from '$lib/server/http/csv-response';
import { readReviewQuery, reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { flagCsv } from '$lib/server/review/review-csv';
import { allFlags } from '$lib/server/review/review-queue';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** The flags the filters match, as CSV, streamed so that 100,000 rows need little memory. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const read = readReviewQuery(url);
	if (!read.ok) {
		const [first] = read.errors;
		return json(
			{
				code: 'INVALID_FILTERS',
				message: first?.message ?? 'Check the filters',
				issues: read.errors
			},
			{ status: 400 }
		);
	}
	const today = todayInUk();
	const query = { ...read.query, after: undefined };
	const flags = allFlags(serverDatabase().db, reviewerOf(locals), query, today);
	return csvResponse(`flags-${today}.csv`, flagCsv.header, flagCsv.rows(flags, today));
};
