import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, readDirectoryCsv } from './directory-csv';

const sample = readFileSync(
	new URL('../../../../tests/fixtures/directory-sample.csv', import.meta.url),
	'utf8'
);

describe('parseCsv', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF endings', () => {
		expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",x,\r\n')).toEqual([
			{ line: 1, fields: ['a', 'b, c', 'say "hi"'] },
			{ line: 2, fields: ['two\nlines', 'x', ''] }
		]);
	});
});

describe('readDirectoryCsv', () => {
	it('keeps the valid rows and lists every bad one with its line and reason', () => {
		const { locations, problems } = readDirectoryCsv(sample);
		expect(
			locations.map((location) => [
				location.locationId,
				location.sector,
				location.careHome,
				location.beds
			])
		).toEqual([
			['1-900000001', 'adult-social-care', true, 42],
			['1-900000002', 'adult-social-care', false, null],
			['RZV01', 'nhs-trust', false, 450]
		]);
		expect(locations[0]!.name).toBe('Glasswing House, Care Home');
		expect(problems).toEqual([
			{
				line: 4,
				reason:
					'type "Independent Ambulance" is not one of Social Care Org, Primary Medical Services, Primary Dental Care, NHS Healthcare Organisation'
			},
			{
				line: 5,
				reason: 'locationId: Enter a location ID like 1-123456789 or an NHS code like RXQ02'
			},
			{ line: 6, reason: 'postalCode: Enter a full postcode, like SW1A 1AA' },
			{ line: 7, reason: 'locationId 1-900000001 repeats line 2' }
		]);
	});

	it('refuses a file without the directory columns, or with nothing in it', () => {
		expect(readDirectoryCsv('id,name\n1,x').problems).toEqual([
			{
				line: 1,
				reason:
					'The header has no locationId, providerId, postalCode, region, localAuthority, type, careHome column'
			}
		]);
		expect(readDirectoryCsv('').problems).toEqual([{ line: 1, reason: 'The file is empty' }]);
	});

	const header =
		'locationId,providerId,name,postalCode,region,localAuthority,type,careHome,numberOfBeds';
	const row = (name: string, localAuthority = 'Sunderland') =>
		`RZV01,RZV,${name},SR4 7TP,North East,${localAuthority},NHS Healthcare Organisation,N,450`;

	it.each([
		['a NUL in the name', row('Wear\u0000mouth'), 'name: Remove the unreadable character (NUL)'],
		[
			'a NUL in the local authority',
			row('Wearmouth', 'Sunder\u0000land'),
			'localAuthority: Remove the unreadable character (NUL)'
		],
		[
			'a name of 201 characters',
			row('x'.repeat(201)),
			'name: Keep this to 200 characters or fewer'
		],
		[
			'a very long type',
			`RZV01,RZV,Wearmouth,SR4 7TP,North East,Sunderland,${'y'.repeat(5_000)},N,`,
			`type "${'y'.repeat(60)}…" is not one of Social Care Org, Primary Medical Services, Primary Dental Care, NHS Healthcare Organisation`
		]
	])('calls a row with %s a problem, not a valid row', (_what, line, reason) => {
		expect(readDirectoryCsv(`${header}\n${line}\n`)).toEqual({
			locations: [],
			problems: [{ line: 2, reason }]
		});
	});
});
