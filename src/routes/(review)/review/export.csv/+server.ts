import { json } from '@sveltejs/kit';
import { csvResponse } from '$lib/server/http/csv-response';
import { readReviewQuery, reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { conversationCsv, flagCsv } from '$lib/server/review/review-csv';
import { allConversations, allFlags } from '$lib/server/review/review-queue';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/**
 * The flags the filters match, or with `view=conversations` the conversations, as CSV, streamed
 * so that 100,000 rows need little memory.
 */
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
	const { db } = serverDatabase();
	if (read.query.view === 'conversations') {
		const listed = allConversations(db, reviewerOf(locals), query, today);
		return csvResponse(
			`conversations-${today}.csv`,
			conversationCsv.header,
			conversationCsv.rows(listed)
		);
	}
	const flags = allFlags(db, reviewerOf(locals), query, today);
	return csvResponse(`flags-${today}.csv`, flagCsv.header, flagCsv.rows(flags, today));
};
