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

/** RFC 4180 fields, with the line each record starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
	const records: { line: number; fields: string[] }[] = [];
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
			if (fields.some((value) => value !== '')) records.push({ line: recordLine, fields });
			fields = [];
			field = '';
			line++;
			recordLine = line;
		} else field += char;
	}
	fields.push(field);
	if (fields.some((value) => value !== '')) records.push({ line: recordLine, fields });
	return records;
}

const yesNo = z.enum(['Y', 'N'], 'careHome must be Y or N');
const beds = z.union([
	z.literal(''),
	z.string().regex(/^\d{1,5}$/, 'numberOfBeds must be a whole number')
]);

export function readDirectoryCsv(text: string): DirectoryReading {
	const [header, ...rows] = parseCsv(text);
	if (!header) return { locations: [], problems: [{ line: 1, reason: 'The file is empty' }] };
	const names = header.fields.map((name) => name.trim());
	const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
	if (missing.length > 0) {
		return {
			locations: [],
			problems: [{ line: header.line, reason: `The header has no ${missing.join(', ')} column` }]
		};
	}

	const locations: Location[] = [];
	const problems: DirectoryProblem[] = [];
	const seen = new Map<string, number>();
	for (const { line, fields } of rows) {
		const value = (column: string) => (fields[names.indexOf(column)] ?? '').trim();
		const reason = rowProblem(value, seen);
		if (typeof reason === 'string') problems.push({ line, reason });
		else {
			locations.push(reason);
			seen.set(reason.locationId, line);
		}
	}
	return { locations, problems };
}

function rowProblem(
	value: (column: string) => string,
	seen: Map<string, number>
): string | Location {
	const type = value('type');
	const sector = SECTOR_FOR_TYPE[type];
	if (!sector) return `type "${type}" is not one of ${Object.keys(SECTOR_FOR_TYPE).join(', ')}`;
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
