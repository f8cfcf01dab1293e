import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDirectoryCsv } from '$lib/domain/directory/directory-csv';
import type { DatabaseHandle } from '../db/database';
import { auditLog, locations } from '../db/schema';
import { testDatabases } from '../testing/databases';
import { BATCH_ROWS, importDirectoryCsv, PROBLEMS_LISTED } from './directory-import.service';

const HEADER =
	'locationId,providerId,name,postalCode,region,localAuthority,type,careHome,numberOfBeds';

/** `rows` valid London care homes, every `badEvery`-th row with a postcode that is not one. */
function directoryCsv(rows: number, badEvery = 0): string {
	const lines = [HEADER];
	for (let i = 0; i < rows; i++) {
		const postcode = badEvery && i % badEvery === 0 ? 'NOT A POSTCODE' : 'E1 6AN';
		lines.push(
			`1-${3_000_000_000 + i},1-800000001,Care Home ${i},${postcode},London,Tower Hamlets,Social Care Org,Y,20`
		);
	}
	return lines.join('\n');
}

describe.each(testDatabases())('importing the directory on $name', ({ open }) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await open();
	});
	afterAll(() => handle.close());
	const stored = async () => Number((await handle.db.select({ n: count() }).from(locations))[0]!.n);

	it('writes batch by batch, answering other queries between batches, and audits the import once', async () => {
		const rows = 20_000;
		let done = false;
		const seen: number[] = [];
		const importing = importDirectoryCsv(handle.db, directoryCsv(rows), {
			apply: true,
			actorId: null,
			source: 'big.csv'
		}).finally(() => (done = true));
		// Like requests arriving over the network, each query waits for its turn of the event loop.
		while (!done) {
			await new Promise((resolve) => setImmediate(resolve));
			seen.push(await stored());
		}
		expect(await importing).toEqual({ valid: rows, imported: rows, problems: [], problemCount: 0 });
		// Another query saw the import part-way, so it did not wait for the whole import.
		expect(seen.some((n) => n > 0 && n < rows)).toBe(true);
		expect(await stored()).toBe(rows);
		const audits = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'directory.imported'));
		expect(audits).toEqual([
			expect.objectContaining({ subject: 'big.csv', details: { locations: rows } })
		]);
	});

	it('checks a large file without writing, letting other work run between batches, with the same findings as reading it at once', async () => {
		const csv = directoryCsv(5_000, 3);
		let turns = 0;
		let checking = true;
		const tick = () => {
			turns += 1;
			if (checking) setImmediate(tick);
		};
		setImmediate(tick);
		const before = await stored();
		const checked = await importDirectoryCsv(handle.db, csv, {
			apply: false,
			actorId: null,
			source: 'dry.csv'
		});
		checking = false;
		expect(turns).toBeGreaterThanOrEqual(5_000 / BATCH_ROWS);
		const atOnce = readDirectoryCsv(csv);
		expect(checked).toEqual({
			valid: atOnce.locations.length,
			imported: 0,
			problems: atOnce.problems.slice(0, PROBLEMS_LISTED),
			problemCount: atOnce.problems.length
		});
		expect(checked.problemCount).toBeGreaterThan(PROBLEMS_LISTED);
		expect(await stored()).toBe(before);
	});

	it('imports the valid rows of an uploaded file around a row with a NUL, which is a problem of its line', async () => {
		const csv = [
			HEADER,
			'1-700000001,1-800000001,Café Ü House,E1 6AN,London,Tower Hamlets,Social Care Org,Y,20',
			'1-700000002,1-800000001,Nul\u0000 House,E1 6AN,London,Tower Hamlets,Social Care Org,Y,20'
		].join('\n');
		expect(
			await importDirectoryCsv(handle.db, new Blob([csv]), {
				apply: true,
				actorId: null,
				source: 'nul.csv'
			})
		).toEqual({
			valid: 1,
			imported: 1,
			problems: [{ line: 3, reason: 'name: Remove the unreadable character (NUL)' }],
			problemCount: 1
		});
		const [kept] = await handle.db
			.select()
			.from(locations)
			.where(eq(locations.locationId, '1-700000001'));
		expect(kept?.name).toBe('Café Ü House');
	});

	it('decodes an uploaded file of many pieces without breaking a character across them', async () => {
		// Mostly three-byte characters, so the pieces' edges fall inside characters.
		const names = Array.from({ length: 10_000 }, (_, i) => `Café ${'☕'.repeat(60)} ${i}`);
		const csv = [
			HEADER,
			...names.map(
				(name, i) =>
					`1-${6_000_000_000 + i},1-800000001,${name},E1 6AN,London,Tower Hamlets,Social Care Org,N,`
			)
		].join('\n');
		expect(new TextEncoder().encode(csv).byteLength).toBeGreaterThan(8 * 256 * 1024);
		const result = await importDirectoryCsv(handle.db, new Blob([csv]), {
			apply: true,
			actorId: null,
			source: 'unicode.csv'
		});
		expect(result).toMatchObject({ valid: names.length, problemCount: 0 });
		const stored = await handle.db
			.select({ name: locations.name })
			.from(locations)
			.where(like(locations.name, 'Café ☕%'));
		expect(new Set(stored.map((row) => row.name))).toEqual(new Set(names));
	});
});
