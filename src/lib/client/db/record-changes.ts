/**
 * The only way the device changes a conversation. Each change is applied to the inspector's view
 * and queued in the outbox in ONE IndexedDB transaction: both are written or neither is.
 *
 * Outbox invariant: `seq` is allocated from `meta.nextSeq` inside that transaction, so sequence
 * numbers on this device are gapless and in the order the changes were made, across tabs too
 * (IndexedDB serialises read-write transactions on the same stores).
 *
 * A change from a form names the part of the conversation it edits and the value the form last
 * saw there. When the stored value is different, something changed it elsewhere (another tab, or
 * a download from another device): nothing is recorded, and what the form shows is kept as its
 * draft, so no change is ever based on a value the person was not shown. The form's draft (text
 * over a limit, a sub-form not yet submitted) is written in the same transaction as the change.
 *
 * A change may come with its mutation id already chosen (see typing-journal.ts); a change whose id
 * is already in the outbox was recorded before and is not recorded again.
 */
import type { ConversationId } from '$lib/domain/ids';
import { applyMutation } from '$lib/domain/conversation/apply-mutation';
import { formPart } from '$lib/domain/conversation/form-parts';
import {
	answerWritten,
	mutationSchema,
	type Mutation
} from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { sameValue } from '$lib/domain/forms/form-values';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import { uuidv7 } from '$lib/domain/ids';
import type { ServerConversation } from '$lib/domain/sync/sync-protocol.schema';
import type { ConversationDb } from './db';
import { readNextSeq, writeNextSeq } from './meta';
import { toSaveError } from './save-errors';
import type { DraftRow, OutboxEntry, StoredConversation } from './tables';

/** What a form shows, and what it last saw stored for its part (see form-parts.ts). */
export type FormWrite = {
	part: string;
	expected: unknown;
	screen: unknown;
	conflicts: Record<string, unknown>;
};

export type RecordChangesInput = {
	conversationId: ConversationId;
	questionSet: QuestionSet;
	/** Decides the changes from the conversation as it is inside the transaction. */
	changes: (
		conversation: StoredConversation | undefined
	) => Array<Mutation & { mutationId?: string }>;
	form?: FormWrite;
};

export type Recorded = {
	conversation: StoredConversation;
	/** True when the form's part had changed elsewhere, so nothing but its draft was written. */
	conflict: boolean;
};

/** Resolves only after the transaction committed. */
export async function recordChanges(
	db: ConversationDb,
	input: RecordChangesInput
): Promise<Recorded> {
	const { conversationId, questionSet, changes, form } = input;
	try {
		const tables = [db.meta, db.outbox, db.conversations, db.serverConversations, db.drafts];
		return await db.transaction('rw', tables, async () => {
			const [current, confirmed] = await Promise.all([
				db.conversations.get(conversationId),
				db.serverConversations.get(conversationId)
			]);
			const part = form && formPart(form.part);
			if (current && form && part && !sameValue(part.read(current), form.expected)) {
				await writeDraft(db, conversationId, form, form.expected);
				return { conversation: current, conflict: true };
			}
			const mutations = changes(current);
			const chosenIds = mutations.flatMap((mutation) =>
				mutation.mutationId ? [mutation.mutationId] : []
			);
			const recordedBefore =
				chosenIds.length > 0 && (await db.outbox.where('mutationId').anyOf(chosenIds).count()) > 0;
			if (recordedBefore && current) return { conversation: current, conflict: false };
			const conversation = await applyAndQueue(db, current, mutations, {
				conversationId,
				questionSet,
				confirmed
			});
			if (form && part) {
				const stored = part.read(conversation);
				const keep = !sameValue(form.screen, stored) || Object.keys(form.conflicts).length > 0;
				if (keep) await writeDraft(db, conversationId, form, stored);
				else await db.drafts.delete(draftKey(conversationId, form.part));
			}
			return { conversation, conflict: false };
		});
	} catch (error) {
		throw toSaveError(error);
	}
}

export const draftKey = (conversationId: string, part: string) => `${conversationId}:${part}`;

async function applyAndQueue(
	db: ConversationDb,
	current: StoredConversation | undefined,
	mutations: Array<Mutation & { mutationId?: string }>,
	{
		conversationId,
		questionSet,
		confirmed
	}: { conversationId: ConversationId; questionSet: QuestionSet; confirmed?: ServerConversation }
): Promise<StoredConversation> {
	if (mutations.length === 0) {
		if (!current) throw new DomainError('NOT_FOUND', 'This conversation does not exist.');
		return current;
	}
	let conversation = current;
	const clientTime = new Date().toISOString();
	let seq = await readNextSeq(db);
	const entries: OutboxEntry[] = [];
	for (const mutation of mutations) {
		assertValid(mutation);
		conversation = applyMutation({ conversation, mutation, questionSet, at: clientTime });
		entries.push({
			...mutation,
			...baseVersionOf(mutation, confirmed),
			seq,
			mutationId: mutation.mutationId ?? uuidv7(),
			clientTime,
			conversationId,
			state: 'pending',
			attempts: 0
		});
		seq += 1;
	}
	if (!conversation) throw new Error('A conversation change produced no conversation');
	const saved = { ...conversation, revision: (current?.revision ?? 0) + 1 };
	await db.outbox.bulkAdd(entries);
	await writeNextSeq(db, seq);
	await db.conversations.put(saved);
	return saved;
}

function writeDraft(
	db: ConversationDb,
	conversationId: ConversationId,
	form: FormWrite,
	base: unknown
) {
	const row: DraftRow = {
		key: draftKey(conversationId, form.part),
		conversationId,
		part: form.part,
		screen: form.screen,
		base,
		conflicts: form.conflicts,
		updatedAt: new Date().toISOString()
	};
	return db.drafts.put(row);
}

/** An answer change is based on the version of the answer the server last sent this device. */
function baseVersionOf(
	mutation: Mutation,
	confirmed: ServerConversation | undefined
): { baseVersion?: number } {
	const written = answerWritten(mutation);
	return written ? { baseVersion: confirmed?.answerVersions[written.questionId] ?? 0 } : {};
}

/** Refuses a change whose content breaks the contract, with the first problem in plain words. */
function assertValid(mutation: Mutation & { mutationId?: string }): void {
	const parsed = mutationSchema.safeParse(mutation);
	if (!parsed.success) {
		throw new DomainError(
			'INVALID_ARGS',
			parsed.error.issues[0]?.message ?? 'That change is not valid.'
		);
	}
}
