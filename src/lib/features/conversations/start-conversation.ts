import type { ConversationDb } from '$lib/client/db/db';
import { recordChanges } from '$lib/client/db/record-changes';
import { requestPersistentStorage } from '$lib/client/pwa/storage';
import type { Location } from '$lib/domain/directory/location.schema';
import { newConversationId, type ConversationId } from '$lib/domain/ids';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';

/** Starts a conversation with the location's question set pinned; resolves with its id once saved. */
export async function startConversation(
	db: ConversationDb,
	location: Location,
	questionSet: QuestionSet
): Promise<ConversationId> {
	const conversationId = newConversationId();
	const startedAt = new Date().toISOString();
	await recordChanges(db, {
		conversationId,
		questionSet,
		changes: () => [
			{
				name: 'conversation.start',
				argsVersion: 1,
				args: {
					conversationId,
					location,
					questionSet: { id: questionSet.id, version: questionSet.version },
					startedAt
				}
			}
		]
	});
	// From the first conversation on, the device holds work that must not be evicted.
	void requestPersistentStorage();
	return conversationId;
}
