import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Location } from '$lib/domain/directory/location.schema';
import { locationFor } from '$lib/testing/factories';
import { ConversationDb } from '../db/db';
import { seedReferenceData } from '../db/reference.repo';
import { downloadDirectory, type Progress } from './download-directory';

const region = 'London';
const directory: Location[] = Array.from({ length: 25 }, (_, i) => ({
	...locationFor(),
	locationId: `1-${String(100_000_000 + i)}`,
	name: `Location ${i}`,
	region
}));

/** A server of `directory` in pages of `size`; `version` is asked once a request. */
function server(size: number, version: () => string = () => 'v1') {
	const requests: string[] = [];
	const fetcher: typeof fetch = async (input, init) => {
		const url = new URL(String(input), 'http://localhost');
		requests.push(url.search);
		const current = version();
		const etag = `"${current}"`;
		if (new Headers(init?.headers).get('if-none-match') === etag) {
			return new Response(null, { status: 304 });
		}
		const after = url.searchParams.get('after');
		const start = after ? directory.findIndex((l) => l.locationId === after) + 1 : 0;
		const locations = directory.slice(start, start + size);
		const next = start + size < directory.length ? locations.at(-1)!.locationId : null;
		const body = { region, version: current, total: directory.length, locations, next };
		return new Response(JSON.stringify(body), { headers: { etag } });
	};
	return { fetcher, requests };
}

let db: ConversationDb;
beforeEach(async () => {
	db = new ConversationDb(`test-${crypto.randomUUID()}`);
	await db.open();
	await seedReferenceData(db);
});
afterEach(() => db.delete());

describe('downloadDirectory', () => {
	it('downloads every page, reports progress, and replaces the directory at the end', async () => {
		const { fetcher, requests } = server(10);
		const progress: Progress[] = [];
		const result = await downloadDirectory(db, region, {
			fetcher,
			onProgress: (p) => progress.push(p)
		});
		expect(result).toEqual({ ok: true, changed: true });
		expect(requests).toHaveLength(3);
		expect(progress).toEqual([
			{ done: 10, total: 25 },
			{ done: 20, total: 25 },
			{ done: 25, total: 25 }
		]);
		expect((await db.locations.toArray()).map((l) => l.locationId)).toEqual(
			directory.map((l) => l.locationId)
		);
	});

	it('asks with the ETag it holds, so an unchanged directory costs one 304', async () => {
		const { fetcher, requests } = server(100);
		await downloadDirectory(db, region, { fetcher });
		expect(await downloadDirectory(db, region, { fetcher })).toEqual({ ok: true, changed: false });
		expect(requests).toHaveLength(2);
	});

	it('keeps the old directory when the directory changes during the download', async () => {
		let calls = 0;
		const { fetcher } = server(10, () => (++calls > 1 ? 'v2' : 'v1'));
		const before = await db.locations.count();
		const result = await downloadDirectory(db, region, { fetcher });
		expect(result).toMatchObject({ ok: false, failure: { kind: 'unreachable' } });
		expect(await db.locations.count()).toBe(before);
	});
});
