/**
 * Reads a directory of locations from CSV with the public directory's field names. Every row is
 * checked; the result lists the valid locations and, for each bad row, its line number and why.
 */
import { z } from 'zod';
import type { Sector } from '../question-sets/question-set.schema';
import { locationSchema, type Location } from './location.schema';

/** The directory's `type` of a location, and the question set sector it takes. */
export const SECTOR_FOR_TYPE: Record<string, Sector> = {
	'Social Care Org': 'adult-social-care',
	'Primary Medical Services': 'gp',
	'Primary Dental Care': 'dental',
	'NHS Healthcare Organisation': 'nhs-trust'
};

export const DIRECTORY_COLUMNS = [
	'locationId',
	'providerId',
	'name',
	'postalCode',
	'region',
	'localAuthority',
	'type',
	'careHome',
	'numberOfBeds'
] as const;
const REQUIRED_COLUMNS = DIRECTORY_COLUMNS.filter((column) => column !== 'numberOfBeds');

export type DirectoryProblem = { line: number; reason: string };
export type DirectoryReading = { locations: Location[]; problems: DirectoryProblem[] };

export type CsvRecord = { line: number; fields: string[] };

/** RFC 4180 fields, with the line each record starts on. */
export function parseCsv(text: string): CsvRecord[] {
	return [...csvRecords(text)];
}

/** The records of a CSV text one at a time, so a reader can stop between them. */
export function* csvRecords(text: string): Generator<CsvRecord> {
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	const source = text.replace(/^\uFEFF/, '');
	for (let index = 0; index < source.length; index++) {
		const char = source[index]!;
		if (quoted) {
			if (char === '"' && source[index + 1] === '"') {
				field += '"';
				index++;
			} else if (char === '"') quoted = false;
			else {
				if (char === '\n') line++;
				field += char;
			}
		} else if (char === '"' && field === '') quoted = true;
		else if (char === ',') {
			fields.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[index + 1] === '\n') index++;
			fields.push(field);
			if (fields.some((value) => value !== '')) yield { line: recordLine, fields };
			fields = [];
			field = '';
			line++;
			recordLine = line;
		} else field += char;
	}
	fields.push(field);
	if (fields.some((value) => value !== '')) yield { line: recordLine, fields };
}

const yesNo = z.enum(['Y', 'N'], 'careHome must be Y or N');
const beds = z.union([
	z.literal(''),
	z.string().regex(/^\d{1,5}$/, 'numberOfBeds must be a whole number')
]);

export function readDirectoryCsv(text: string): DirectoryReading {
	const records = csvRecords(text);
	const reader = directoryRowReader(records.next().value);
	if ('problem' in reader) return { locations: [], problems: [reader.problem] };
	const locations: Location[] = [];
	const problems: DirectoryProblem[] = [];
	for (const record of records) {
		const read = reader.read(record);
		if ('reason' in read) problems.push(read);
		else locations.push(read);
	}
	return { locations, problems };
}

/**
 * Reads rows one at a time under `header`: each row becomes a location or a problem with its
 * line. A location ID repeated in a later row is a problem of that row.
 */
export function directoryRowReader(
	header: CsvRecord | undefined
): { problem: DirectoryProblem } | { read: (record: CsvRecord) => Location | DirectoryProblem } {
	if (!header) return { problem: { line: 1, reason: 'The file is empty' } };
	const names = header.fields.map((name) => name.trim());
	const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
	if (missing.length > 0) {
		return {
			problem: { line: header.line, reason: `The header has no ${missing.join(', ')} column` }
		};
	}
	const seen = new Map<string, number>();
	return {
		read: ({ line, fields }) => {
			const value = (column: string) => (fields[names.indexOf(column)] ?? '').trim();
			const reason = rowProblem(value, seen);
			if (typeof reason === 'string') return { line, reason };
			seen.set(reason.locationId, line);
			return reason;
		}
	};
}

/** A value quoted in a problem: short, and with no character that cannot be stored. */
const shown = (value: string) =>
	(value.length > 60 ? `${value.slice(0, 60)}…` : value).replaceAll('\u0000', '\uFFFD');

function rowProblem(
	value: (column: string) => string,
	seen: Map<string, number>
): string | Location {
	const type = value('type');
	const sector = SECTOR_FOR_TYPE[type];
	if (!sector) {
		return `type "${shown(type)}" is not one of ${Object.keys(SECTOR_FOR_TYPE).join(', ')}`;
	}
	const careHome = yesNo.safeParse(value('careHome'));
	if (!careHome.success) return careHome.error.issues[0]!.message;
	const bedCount = beds.safeParse(value('numberOfBeds'));
	if (!bedCount.success) return bedCount.error.issues[0]!.message;
	const parsed = locationSchema.safeParse({
		locationId: value('locationId'),
		providerId: value('providerId'),
		name: value('name'),
		postcode: value('postalCode').toUpperCase(),
		region: value('region'),
		localAuthority: value('localAuthority'),
		sector,
		type,
		careHome: careHome.data === 'Y',
		beds: bedCount.data === '' ? null : Number(bedCount.data)
	});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const column = { postcode: 'postalCode' }[String(issue.path[0])] ?? String(issue.path[0]);
		return `${column}: ${issue.message}`;
	}
	const earlier = seen.get(parsed.data.locationId);
	if (earlier !== undefined) return `locationId ${parsed.data.locationId} repeats line ${earlier}`;
	return parsed.data;
}
