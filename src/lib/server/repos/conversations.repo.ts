/**
 * Reads and writes conversations as rows (conversation, answers, flags, answer history) and turns
 * them into the documents the devices hold.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Answer, Conversation, Flag } from '$lib/domain/conversation/conversation.schema';
import type { AnswerConflict, ServerConversation } from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { answerHistory, answers, conversations, flags } from '../db/schema';
import { reviewsFor } from '../review/review-for-device';

export type ConversationRow = typeof conversations.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type FlagRow = typeof flags.$inferSelect;
type HistoryRow = typeof answerHistory.$inferSelect;

export const answerRowId = (conversationId: string, questionId: string) =>
	`${conversationId}:${questionId}`;

export function answerFromRow(row: AnswerRow): Answer | null {
	if (row.deleted) return null;
	return {
		optionId: row.optionId,
		notes: row.notes,
		evidence: row.evidence as Answer['evidence']
	};
}

export function flagFromRow(row: FlagRow): Flag {
	return {
		severity: row.severity,
		reason: row.reason,
		raisedBy: row.raisedBy,
		status: row.status,
		...(row.withdrawnReason === null ? {} : { withdrawnReason: row.withdrawnReason })
	};
}

export function toConversation(
	row: ConversationRow,
	answerRows: readonly AnswerRow[],
	flagRows: readonly FlagRow[]
): Conversation {
	const answered: Record<string, Answer> = {};
	for (const answerRow of answerRows) {
		const answer = answerFromRow(answerRow);
		if (answer) answered[answerRow.questionId] = answer;
	}
	return {
		id: row.id,
		status: row.status,
		location: row.location,
		questionSet: { id: row.questionSetId, version: row.questionSetVersion },
		startedAt: row.startedAt.toISOString(),
		updatedAt: row.updatedAt.toISOString(),
		completedAt: row.completedAt?.toISOString() ?? null,
		...row.fields,
		answers: answered,
		flags: Object.fromEntries(flagRows.map((flagRow) => [flagRow.questionId, flagFromRow(flagRow)]))
	};
}

function toConflict(row: HistoryRow): AnswerConflict {
	return {
		mutationId: row.mutationId,
		deviceId: row.deviceId,
		questionId: row.questionId,
		losingValue: (row.value as Answer | null) ?? null,
		winningValue: (row.winningValue as Answer | null) ?? null,
		recordedAt: row.recordedAt.toISOString()
	};
}

/** One conversation with its rows, or undefined. */
export async function loadConversation(db: Database, id: string) {
	const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
	if (!row) return undefined;
	const [answerRows, flagRows] = await Promise.all([
		db.select().from(answers).where(eq(answers.conversationId, id)),
		db.select().from(flags).where(eq(flags.conversationId, id))
	]);
	return { row, answerRows, flagRows };
}

/** A page of a person's conversations changed after `cursor`, oldest change first. */
export async function conversationsChangedAfter(
	db: Database,
	userId: string,
	cursor: number,
	limit: number
): Promise<ServerConversation[]> {
	const rows = await db
		.select()
		.from(conversations)
		.where(and(eq(conversations.userId, userId), gt(conversations.version, cursor)))
		.orderBy(asc(conversations.version))
		.limit(limit);
	if (rows.length === 0) return [];
	const ids = rows.map((row) => row.id);
	const [answerRows, flagRows, conflictRows] = await Promise.all([
		db.select().from(answers).where(inArray(answers.conversationId, ids)),
		db.select().from(flags).where(inArray(flags.conversationId, ids)),
		db
			.select()
			.from(answerHistory)
			.where(
				and(inArray(answerHistory.conversationId, ids), eq(answerHistory.outcome, 'superseded'))
			)
			.orderBy(asc(answerHistory.id))
	]);
	const reviews = await reviewsFor(db, ids, flagRows);
	return rows.map((row) => {
		const own = <T extends { conversationId: string }>(list: T[]) =>
			list.filter((item) => item.conversationId === row.id);
		const ownAnswers = own(answerRows);
		return {
			...toConversation(row, ownAnswers, own(flagRows)),
			version: row.version,
			answerVersions: Object.fromEntries(ownAnswers.map((a) => [a.questionId, a.version])),
			conflicts: own(conflictRows).map(toConflict),
			review: reviews.get(row.id)
		};
	});
}
