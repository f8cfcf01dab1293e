import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { conversationIdFrom, isUuid } from '$lib/domain/ids';
import { conversations } from '$lib/server/db/schema';
import { csvResponse } from '$lib/server/http/csv-response';
import { reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { auditCsvHeader, auditCsvRows } from '$lib/server/review/audit-csv';
import { canReview } from '$lib/server/review/review-scope';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

const refused = (status: number, code: string, message: string) =>
	json({ code, message }, { status });

/** The audit trail of every conversation in the reviewer's scope, or of `?conversation=<id>`. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const names = [...url.searchParams.keys()];
	if (names.some((name) => name !== 'conversation') || names.length > 1) {
		return refused(400, 'INVALID_QUERY', 'The audit trail takes one parameter: conversation');
	}
	const given = url.searchParams.get('conversation');
	const { db } = serverDatabase();
	const reviewer = reviewerOf(locals);
	if (given !== null) {
		if (!isUuid(given)) {
			return refused(400, 'INVALID_QUERY', 'conversation must be a conversation’s ID');
		}
		const [found] = await db
			.select({ teamId: conversations.teamId })
			.from(conversations)
			.where(eq(conversations.id, conversationIdFrom(given)));
		if (!found || !canReview(reviewer, found.teamId)) {
			return refused(404, 'NOT_FOUND', 'There is no such conversation, or it is not your team’s');
		}
	}
	const id = given === null ? undefined : conversationIdFrom(given);
	const name = id ? `audit-trail-${id}-${todayInUk()}.csv` : `audit-trail-${todayInUk()}.csv`;
	return csvResponse(name, auditCsvHeader, auditCsvRows(db, reviewer, id));
};
