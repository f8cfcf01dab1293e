import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import type { Location } from '$lib/domain/directory/location.schema';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import {
	questionSetSchema,
	type QuestionSet,
	type QuestionSetRef
} from '$lib/domain/question-sets/question-set.schema';
import type { ConversationDb } from './db';

/**
 * Puts the question sets this build ships with, and the demo directory, on the device. Sets are
 * immutable per version, so putting them again is harmless; locations are only added when the
 * device has none, never over newer ones.
 */
export async function seedReferenceData(db: ConversationDb): Promise<void> {
	await db.transaction('rw', [db.questionSets, db.locations], async () => {
		await db.questionSets.bulkPut([...BUNDLED_QUESTION_SETS]);
		if ((await db.locations.count()) === 0) await db.locations.bulkAdd([...DEMO_DIRECTORY]);
	});
}

export async function getQuestionSet(
	db: ConversationDb,
	ref: QuestionSetRef
): Promise<QuestionSet | undefined> {
	const row = await db.questionSets.get([ref.id, ref.version]);
	return row ? questionSetSchema.parse(row) : undefined;
}

export async function listQuestionSets(db: ConversationDb): Promise<QuestionSet[]> {
	return (await db.questionSets.toArray()).map((row) => questionSetSchema.parse(row));
}

export async function listLocations(db: ConversationDb): Promise<Location[]> {
	return db.locations.orderBy('name').toArray();
}

export type DirectoryHeld = { region: string; etag: string | null };

export async function heldDirectory(db: ConversationDb): Promise<DirectoryHeld | undefined> {
	const row = await db.meta.get('directory');
	return row?.value as DirectoryHeld | undefined;
}

/** Replaces the device's directory with a region's, all at once, so a search never sees half. */
export async function replaceDirectory(
	db: ConversationDb,
	held: DirectoryHeld,
	locations: readonly Location[]
): Promise<void> {
	await db.transaction('rw', [db.locations, db.meta], async () => {
		await db.locations.clear();
		await db.locations.bulkPut([...locations]);
		await db.meta.put({ key: 'directory', value: held });
	});
}
