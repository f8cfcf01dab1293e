/**
 * The only way the device changes a conversation. Each change is applied to the inspector's view
 * and queued in the outbox in ONE IndexedDB transaction: both are written or neither is.
 *
 * Outbox invariant: `seq` is allocated from `meta.nextSeq` inside that transaction, so sequence
 * numbers on this device are gapless and in the order the changes were made, across tabs too
 * (IndexedDB serialises read-write transactions on the same stores).
 *
 * A change may come with its mutation id already chosen (see typing-journal.ts); a change whose id
 * is already in the outbox was recorded before and is not recorded again.
 */
import { applyMutation } from '$lib/domain/conversation/apply-mutation';
import { mutationSchema, type Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import { uuidv7 } from '$lib/domain/ids';
import type { ServerConversation } from '$lib/domain/sync/sync-protocol.schema';
import type { ConversationDb } from './db';
import { readNextSeq, writeNextSeq } from './meta';
import { toSaveError } from './save-errors';
import type { OutboxEntry, StoredConversation } from './tables';

export type RecordChangesInput = {
	conversationId: string;
	questionSet: QuestionSet;
	/** Decides the changes from the conversation as it is inside the transaction. */
	changes: (
		conversation: StoredConversation | undefined
	) => Array<Mutation & { mutationId?: string }>;
};

/** Resolves with the conversation as saved, only after the transaction committed. */
export async function recordChanges(
	db: ConversationDb,
	input: RecordChangesInput
): Promise<StoredConversation> {
	const { conversationId, questionSet, changes } = input;
	try {
		const tables = [db.meta, db.outbox, db.conversations, db.serverConversations];
		return await db.transaction('rw', tables, async () => {
			const current = await db.conversations.get(conversationId);
			const confirmed = await db.serverConversations.get(conversationId);
			const mutations = changes(current).map((mutation) => withBaseVersion(mutation, confirmed));
			const chosenIds = mutations.flatMap((mutation) =>
				mutation.mutationId ? [mutation.mutationId] : []
			);
			const recordedBefore =
				chosenIds.length > 0 && (await db.outbox.where('mutationId').anyOf(chosenIds).count()) > 0;
			if ((mutations.length === 0 || recordedBefore) && current) return current;
			let conversation = current;
			const clientTime = new Date().toISOString();
			let seq = await readNextSeq(db);
			const entries: OutboxEntry[] = [];
			for (const mutation of mutations) {
				assertValid(mutation);
				conversation = applyMutation({ conversation, mutation, questionSet, at: clientTime });
				entries.push({
					...mutation,
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
			await db.outbox.bulkAdd(entries);
			await writeNextSeq(db, seq);
			await db.conversations.put(conversation);
			return conversation;
		});
	} catch (error) {
		throw toSaveError(error);
	}
}

/** An answer change is based on the version of the answer the server last sent this device. */
function withBaseVersion<T extends Mutation>(
	mutation: T,
	confirmed: ServerConversation | undefined
): T {
	if (!('baseVersion' in mutation.args)) return mutation;
	const baseVersion = confirmed?.answerVersions[mutation.args.questionId] ?? 0;
	return { ...mutation, args: { ...mutation.args, baseVersion } };
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
