/**
 * The audit trail as CSV: every event of every conversation the reviewer may see (or of one
 * conversation), oldest first, each with every detail, read a page at a time so that the whole
 * trail of a region streams in little memory.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { describeAuditEvent } from '$lib/domain/review/audit-event';
import { csvColumns } from '$lib/domain/csv/csv';
import { ukTimeWithOffset } from '$lib/domain/csv/uk-time';
import type { ConversationId } from '$lib/domain/ids';
import type { Database } from '../db/database';
import { conversations, reviewEvents } from '../db/schema';
import { reviewScope, type Reviewer } from './review-scope';

const PAGE = 2_000;

type AuditRow = typeof reviewEvents.$inferSelect & {
	locationId: string;
	locationName: string;
};

const columns = csvColumns<AuditRow>([
	{ header: 'Event ID', value: (row) => row.id },
	{ header: 'When (UK time)', value: (row) => ukTimeWithOffset(row.at) },
	{ header: 'Conversation ID', value: (row) => row.conversationId },
	{ header: 'Location ID', value: (row) => row.locationId },
	{ header: 'Location', value: (row) => row.locationName },
	{ header: 'Question', value: (row) => row.questionId ?? '' },
	{ header: 'Who', value: (row) => row.actorName },
	{ header: 'What', value: (row) => describeAuditEvent(row) },
	{ header: 'Note', value: (row) => row.note }
]);

export const auditCsvHeader = columns.header;

export async function* auditCsvRows(
	db: Database,
	reviewer: Reviewer,
	conversationId?: ConversationId
): AsyncGenerator<string> {
	let after = 0;
	for (;;) {
		const conditions: SQL[] = [reviewScope(reviewer), gt(reviewEvents.id, after)];
		if (conversationId) conditions.push(eq(reviewEvents.conversationId, conversationId));
		const page = await db
			.select({
				event: reviewEvents,
				locationId: conversations.locationId,
				locationName: conversations.locationName
			})
			.from(reviewEvents)
			.innerJoin(conversations, eq(conversations.id, reviewEvents.conversationId))
			.where(and(...conditions))
			.orderBy(asc(reviewEvents.id))
			.limit(PAGE);
		for (const { event, ...location } of page) yield columns.row({ ...event, ...location });
		if (page.length < PAGE) return;
		after = page.at(-1)!.event.id;
	}
}
