import { DomainError } from '$lib/domain/errors';
import type { ConversationDb } from './db';
import { recordChanges } from './record-changes';
import { getQuestionSet } from './reference.repo';
import type { TypingJournal } from './typing-journal';

/**
 * Records what the journal still holds, oldest first: changes whose save was cut off by a reload,
 * a closed tab or a crash. Changes recorded already are skipped by their mutation ids. A change
 * the conversation can no longer take (it was completed meanwhile) is dropped; any other failure
 * leaves the entry for the next start.
 */
export async function replayTypingJournal(
	db: ConversationDb,
	journal: TypingJournal
): Promise<number> {
	let replayed = 0;
	const entries = journal.entries().sort((a, b) => a.stagedAt - b.stagedAt);
	for (const entry of entries) {
		const firstId = entry.mutations[0]!.mutationId;
		const questionSet = await getQuestionSet(db, entry.questionSet);
		if (!questionSet) continue;
		try {
			await recordChanges(db, {
				conversationId: entry.conversationId,
				questionSet,
				changes: () => entry.mutations
			});
			replayed += 1;
			journal.remove(entry.key, firstId);
		} catch (error) {
			if (error instanceof DomainError) journal.remove(entry.key, firstId);
		}
	}
	return replayed;
}
