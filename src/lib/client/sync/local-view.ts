/**
 * The inspector's view of a conversation is the server's confirmed copy with this device's
 * changes that the copy does not contain yet applied on top, in order. Call inside a read-write
 * transaction over meta, outbox, serverConversations, conversations and questionSets.
 */
import type { ConversationId } from '$lib/domain/ids';
import { applyMutation } from '$lib/domain/conversation/apply-mutation';
import type { Conversation } from '$lib/domain/conversation/conversation.schema';
import { DomainError } from '$lib/domain/errors';
import type { ServerConversation } from '$lib/domain/sync/sync-protocol.schema';
import type { ConversationDb } from '../db/db';
import { readCounter } from '../db/meta';

export function withoutServerFields(
	server: ServerConversation & { seenSeq?: number }
): Conversation {
	const {
		version: _version,
		answerVersions: _versions,
		conflicts: _conflicts,
		review: _review,
		seenSeq: _seenSeq,
		...rest
	} = server;
	return rest;
}

export async function rebuildLocalView(
	db: ConversationDb,
	conversationIds: Iterable<ConversationId>
): Promise<void> {
	const confirmedSeq = await readCounter(db, 'confirmedSeq');
	for (const id of new Set(conversationIds)) {
		const server = await db.serverConversations.get(id);
		let conversation = server ? withoutServerFields(server) : undefined;
		const contained = server?.seenSeq ?? confirmedSeq;
		const waiting = await db.outbox
			.where('conversationId')
			.equals(id)
			.filter((entry) => entry.seq > contained && entry.state !== 'rejected')
			.sortBy('seq');
		for (const entry of waiting) {
			const ref =
				conversation?.questionSet ??
				(entry.name === 'conversation.start' ? entry.args.questionSet : undefined);
			const questionSet = ref && (await db.questionSets.get([ref.id, ref.version]));
			if (!questionSet) continue;
			try {
				conversation = applyMutation({
					conversation,
					mutation: entry,
					questionSet,
					at: entry.clientTime
				});
			} catch (error) {
				// The server will refuse this change too; it then shows among the rejected changes.
				if (!(error instanceof DomainError)) throw error;
			}
		}
		if (conversation) {
			const shown = await db.conversations.get(id);
			await db.conversations.put({ ...conversation, revision: (shown?.revision ?? 0) + 1 });
		} else {
			await db.conversations.delete(id);
		}
	}
}
