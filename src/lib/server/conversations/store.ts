/**
 * The one writer of conversations on the server: sync uploads, managers' decisions and returns
 * all change a conversation through `save` or `markChanged`. `save` compares each conversation
 * as it was loaded with the one the batch left and writes only what changed, one statement per
 * table for the whole batch (and one UPDATE per changed conversation).
 */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/database';
import { answerHistory, answers, conversations, flags } from '../db/schema';
import {
	fromRows,
	toRows,
	type AnswerRow,
	type FlagRow,
	type HistoryRow,
	type StoredConversation
} from './rows';

export type StoredConversations = ReadonlyMap<string, StoredConversation>;

/**
 * The conversations with these ids that exist, whoever owns them, their rows locked for the rest
 * of the transaction (in id order, so two batches never deadlock) before their answers and flags
 * are read: whoever writes a conversation locks its row first (sync/change-counter.ts).
 */
export async function load(
	tx: Database,
	ids: readonly string[]
): Promise<Map<string, StoredConversation>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const [rows, answerRows, flagRows] = [
		await tx
			.select()
			.from(conversations)
			.where(inArray(conversations.id, unique))
			.orderBy(conversations.id)
			.for('update'),
		await tx.select().from(answers).where(inArray(answers.conversationId, unique)),
		await tx.select().from(flags).where(inArray(flags.conversationId, unique))
	];
	const own = <T extends { conversationId: string }>(list: T[], id: string) =>
		list.filter((item) => item.conversationId === id);
	return new Map(
		rows.map((row) => [
			row.id,
			fromRows({
				conversation: row,
				answers: own(answerRows, row.id),
				flags: own(flagRows, row.id)
			})
		])
	);
}

/**
 * Writes the difference between `before` (as loaded) and `after` (as the batch left them), and
 * appends `history`. A conversation in `after` and not in `before` is new.
 */
export async function save(
	tx: Database,
	before: StoredConversations,
	after: StoredConversations,
	history: readonly HistoryRow[]
): Promise<void> {
	const inserted: StoredConversation[] = [];
	const updated: StoredConversation[] = [];
	const answerRows: AnswerRow[] = [];
	const flagRows: FlagRow[] = [];
	for (const [id, stored] of after) {
		const was = before.get(id);
		if (stored === was) continue;
		(was ? updated : inserted).push(stored);
		const rows = toRows(stored);
		answerRows.push(
			...rows.answers.filter(
				(row) => stored.answers[row.questionId] !== was?.answers[row.questionId]
			)
		);
		flagRows.push(
			...rows.flags.filter((row) => stored.flags[row.questionId] !== was?.flags[row.questionId])
		);
	}
	if (inserted.length > 0) {
		await tx.insert(conversations).values(inserted.map((stored) => toRows(stored).conversation));
	}
	for (const stored of updated) {
		const { status, fields, outcome, urgent, updatedAt, completedAt, version } =
			toRows(stored).conversation;
		await tx
			.update(conversations)
			.set({ status, fields, outcome, urgent, updatedAt, completedAt, version })
			.where(eq(conversations.id, stored.conversation.id));
	}
	if (answerRows.length > 0) {
		await tx
			.insert(answers)
			.values(answerRows)
			.onConflictDoUpdate({ target: answers.id, set: excluded(answers, answerRows[0]!, ['id']) });
	}
	if (flagRows.length > 0) {
		await tx
			.insert(flags)
			.values(flagRows)
			.onConflictDoUpdate({
				target: flags.id,
				set: excluded(flags, flagRows[0]!, ['id', 'conversationId', 'questionId', 'raisedAt'])
			});
	}
	if (history.length > 0) await tx.insert(answerHistory).values([...history]);
}

/** Gives a conversation a new version of its owner's changes, so the owner's devices pull it. */
export async function markChanged(tx: Database, id: string, version: number): Promise<void> {
	await tx.update(conversations).set({ version }).where(eq(conversations.id, id));
}

/** `SET column = excluded.column` for every column of `row` but `keep`. */
function excluded<T extends PgTable, R extends object>(
	table: T,
	row: R,
	keep: ReadonlyArray<keyof R>
): Record<string, SQL> {
	const columns = table as unknown as Record<string, { name: string }>;
	return Object.fromEntries(
		Object.keys(row)
			.filter((key) => !keep.includes(key as keyof R))
			.map((key) => [key, sql.raw(`excluded."${columns[key]!.name}"`)])
	);
}
