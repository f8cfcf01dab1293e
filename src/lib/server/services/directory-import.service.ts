/**
 * Reading and importing a directory CSV in batches: the file is decoded a piece at a time, then
 * BATCH_ROWS rows are checked, and on import
 * written in their own statements, then the server turns to other requests before the next
 * batch, so even the largest file never holds the embedded database or the event loop for long.
 * Rows are added or replaced by location ID, so an import that stops part-way keeps the batches
 * written so far, and importing the same file again completes it.
 */
import {
	csvRecords,
	directoryRowReader,
	type DirectoryProblem
} from '$lib/domain/directory/directory-csv';
import type { Location } from '$lib/domain/directory/location.schema';
import type { Database } from '../db/database';
import { recordAudit } from '../repos/audit.repo';
import { upsertLocations } from '../repos/directory.repo';

export const BATCH_ROWS = 100;
const DECODE_BYTES = 256 * 1024;
/** Problems listed in full; the rest are only counted. */
export const PROBLEMS_LISTED = 1_000;

export type DirectoryImport = {
	valid: number;
	imported: number;
	problems: DirectoryProblem[];
	problemCount: number;
};

const otherRequestsFirst = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Checks every row of `file`; with `apply`, imports the valid ones. */
export async function importDirectoryCsv(
	db: Database,
	file: Blob | string,
	{ apply, actorId, source }: { apply: boolean; actorId: string | null; source: string }
): Promise<DirectoryImport> {
	const records = csvRecords(typeof file === 'string' ? file : await textOf(file));
	const reader = directoryRowReader(records.next().value);
	if ('problem' in reader) {
		return { valid: 0, imported: 0, problems: [reader.problem], problemCount: 1 };
	}
	const result: DirectoryImport = { valid: 0, imported: 0, problems: [], problemCount: 0 };
	let batch: Location[] = [];
	let rows = 0;
	const flush = async () => {
		if (apply && batch.length > 0) {
			await upsertLocations(db, batch);
			result.imported += batch.length;
		}
		batch = [];
		await otherRequestsFirst();
	};
	for (const record of records) {
		const read = reader.read(record);
		if ('reason' in read) {
			result.problemCount += 1;
			if (result.problems.length < PROBLEMS_LISTED) result.problems.push(read);
		} else {
			result.valid += 1;
			batch.push(read);
		}
		if (++rows % BATCH_ROWS === 0) await flush();
	}
	await flush();
	if (apply && result.imported > 0) {
		await recordAudit(db, {
			action: 'directory.imported',
			actorId,
			subject: source,
			details: { locations: result.imported }
		});
	}
	return result;
}

/** A file's text, decoded a piece at a time with other requests answered in between. */
async function textOf(file: Blob): Promise<string> {
	const decoder = new TextDecoder();
	const parts: string[] = [];
	const reader = file.stream().getReader();
	for (let read = await reader.read(); !read.done; read = await reader.read()) {
		// An uploaded file may come as one chunk of many megabytes.
		for (let start = 0; start < read.value.byteLength; start += DECODE_BYTES) {
			parts.push(
				decoder.decode(read.value.subarray(start, start + DECODE_BYTES), { stream: true })
			);
			await otherRequestsFirst();
		}
	}
	parts.push(decoder.decode());
	return parts.join('');
}

/** Imports locations already checked, in batches as above; for the command line and tests. */
export async function importLocations(
	db: Database,
	locations: readonly Location[],
	actorId: string | null,
	source: string
): Promise<void> {
	for (let start = 0; start < locations.length; start += BATCH_ROWS) {
		await upsertLocations(db, locations.slice(start, start + BATCH_ROWS));
		await otherRequestsFirst();
	}
	await recordAudit(db, {
		action: 'directory.imported',
		actorId,
		subject: source,
		details: { locations: locations.length }
	});
}
