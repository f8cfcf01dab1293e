/**
 * Reads conversations for the devices' downloads and the managers' pages. Rows become documents
 * only through the store's mapper (conversations/rows.ts); writes go through the store.
 */
import type { ConversationId } from '$lib/domain/ids';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Answer } from '$lib/domain/conversation/conversation.schema';
import type { AnswerConflict, ServerConversation } from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { answerHistory, answers, conversations, flags } from '../db/schema';
import { fromRows } from '../conversations/rows';
import { reviewsFor } from '../review/review-for-device';

/** A flag's whole row, the manager's review included. */
export type FlagRow = typeof flags.$inferSelect;
type HistoryRow = typeof answerHistory.$inferSelect;

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
export async function loadConversation(db: Database, id: ConversationId) {
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
			...fromRows({ conversation: row, answers: ownAnswers, flags: own(flagRows) }).conversation,
			version: row.version,
			answerVersions: Object.fromEntries(ownAnswers.map((a) => [a.questionId, a.version])),
			conflicts: own(conflictRows).map(toConflict),
			review: reviews.get(row.id)
		};
	});
}
