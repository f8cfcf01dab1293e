/**
 * The one writer of conversations on the server: sync uploads, managers' decisions and returns
 * all change a conversation through `save` or `markChanged`. `save` compares each conversation
 * as it was loaded with the one the batch left and writes only what changed, one statement per
 * table for the whole batch, the changed conversations' rows included.
 */
import type { ConversationId } from '$lib/domain/ids';
import { bringsNewAttention } from './attention';
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

export type StoredConversations = ReadonlyMap<ConversationId, StoredConversation>;

/**
 * The conversations with these ids that exist, whoever owns them, their rows locked for the rest
 * of the transaction (in id order, so two batches never deadlock) before their answers and flags
 * are read: whoever writes a conversation locks its row first (sync/change-counter.ts).
 */
export async function load(
	tx: Database,
	ids: readonly ConversationId[]
): Promise<Map<ConversationId, StoredConversation>> {
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
	const own = <T extends { conversationId: ConversationId }>(list: T[], id: ConversationId) =>
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
	const attention = new Set<ConversationId>();
	const answerRows: AnswerRow[] = [];
	const flagRows: FlagRow[] = [];
	for (const [id, stored] of after) {
		const was = before.get(id);
		if (stored === was) continue;
		(was ? updated : inserted).push(stored);
		if (bringsNewAttention(was?.conversation, stored.conversation)) attention.add(id);
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
		await tx.insert(conversations).values(
			inserted.map((stored) => ({
				...toRows(stored).conversation,
				attentionAt: attention.has(stored.conversation.id) ? sql`now()` : null
			}))
		);
	}
	if (updated.length > 0) await updateConversations(tx, updated, attention);
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

/** The changed columns of every updated conversation, in one statement. */
async function updateConversations(
	tx: Database,
	updated: readonly StoredConversation[],
	attention: ReadonlySet<ConversationId>
) {
	const values = updated.map((stored) => {
		const row = toRows(stored).conversation;
		return sql`(${row.id}::uuid, ${row.status}, ${JSON.stringify(row.fields)}::jsonb, ${row.outcome}::text, ${row.urgent}::boolean, ${row.updatedAt.toISOString()}::timestamptz, ${row.completedAt?.toISOString() ?? null}::timestamptz, ${row.version}::bigint, ${attention.has(row.id)}::boolean)`;
	});
	await tx.execute(sql`
		update ${conversations} set
			status = v.status, fields = v.fields, outcome = v.outcome, urgent = v.urgent,
			updated_at = v.updated_at, completed_at = v.completed_at, version = v.version,
			attention_at = case when v.attention then now() else ${conversations.attentionAt} end
		from (values ${sql.join(values, sql`, `)})
			as v(id, status, fields, outcome, urgent, updated_at, completed_at, version, attention)
		where ${conversations.id} = v.id`);
}

/** Gives a conversation a new version of its owner's changes, so the owner's devices pull it. */
export async function markChanged(
	tx: Database,
	id: ConversationId,
	version: number
): Promise<void> {
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
