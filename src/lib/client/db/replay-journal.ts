import { DomainError } from '$lib/domain/errors';
import type { ConversationDb } from './db';
import { recordChanges } from './record-changes';
import { getQuestionSet } from './reference.repo';
import type { JournalEntry, TypingJournal } from './typing-journal';

/**
 * Records what the journal still holds, oldest first: changes whose write was cut off by a
 * closed tab. Changes recorded already are skipped by their mutation ids, and a change to a part
 * that changed elsewhere meanwhile becomes a draft beside it (see record-changes.ts). A change
 * the conversation can no longer take (it was completed meanwhile) keeps what was typed as a
 * draft; any other failure leaves the entry for the next start.
 */
export async function replayTypingJournal(
	db: ConversationDb,
	journal: TypingJournal
): Promise<number> {
	let replayed = 0;
	const entries = journal.entries().sort((a, b) => a.stagedAt - b.stagedAt);
	for (const entry of entries) {
		const questionSet = await getQuestionSet(db, entry.questionSet);
		if (!questionSet) continue;
		try {
			await recordChanges(db, {
				conversationId: entry.conversationId,
				questionSet,
				changes: () => entry.mutations,
				form: entry.form
			});
			replayed += 1;
			journal.remove(entry.key, entry.stagingId);
		} catch (error) {
			if (!(error instanceof DomainError)) continue;
			await keepTypingOnly(db, entry).catch(() => undefined);
			journal.remove(entry.key, entry.stagingId);
		}
	}
	return replayed;
}

async function keepTypingOnly(db: ConversationDb, entry: JournalEntry) {
	const { form } = entry;
	const questionSet = await getQuestionSet(db, entry.questionSet);
	if (!form || !questionSet) return;
	await recordChanges(db, {
		conversationId: entry.conversationId,
		questionSet,
		changes: () => [],
		// Recorded against what is stored now, so the typed value is kept as the draft.
		form: { ...form, expected: undefined }
	});
}
