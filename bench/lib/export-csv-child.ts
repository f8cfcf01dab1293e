/**
 * The review queue's CSV export of every flag, run in a process of its own so that its peak memory
 * can be measured (bench/parts/review-queries.ts spawns it):
 *   node --import tsx bench/lib/export-csv-child.ts <postgres url> [--idle] [--region <region>]
 * It streams the flags as /review/export.csv does (allFlags → flagCsv.rows → csvResponse), reads
 * the Response body to the end counting bytes and rows, and prints one line of JSON:
 * {rows, bytes, ms, maxRssKb}. With --idle it only opens the database, for the memory baseline;
 * --region filters the export to one region, to see whether memory grows with the rows.
 */
import { sql } from 'drizzle-orm';
import { reviewQuerySchema } from '$lib/domain/review/review-query.schema';
import { openDatabase } from '$lib/server/db/database';
import { csvResponse } from '$lib/server/http/csv-response';
import { todayInUk } from '$lib/server/http/review-request';
import { flagCsv } from '$lib/server/review/review-csv';
import { allFlags } from '$lib/server/review/review-queue';
import type { Reviewer } from '$lib/server/review/review-scope';

const url =
	process.argv.slice(2).find((arg) => arg.startsWith('postgres')) ??
	process.env.BENCH_SCALE_URL ??
	'postgres://postgres@127.0.0.1:5432/esf_scale';
const idle = process.argv.includes('--idle');
const regionAt = process.argv.indexOf('--region');
const region = regionAt >= 0 ? process.argv[regionAt + 1] : undefined;

const adminReviewer: Reviewer = {
	id: '00000000-0000-4000-8000-000000000001',
	name: 'Benchmark administrator',
	role: 'admin',
	teamId: null
};

const handle = await openDatabase({ url });
try {
	let rows = 0;
	let bytes = 0;
	let ms = 0;
	if (idle) {
		await handle.db.execute(sql`select 1`);
	} else {
		const start = performance.now();
		const today = todayInUk();
		// As the route does: the queue's filters (none here), the cursor ignored.
		const query = { ...reviewQuerySchema.parse(region ? { region } : {}), after: undefined };
		async function* counted(records: AsyncIterable<string>) {
			for await (const record of records) {
				rows++;
				yield record;
			}
		}
		const response = csvResponse(
			`flags-${today}.csv`,
			flagCsv.header,
			counted(flagCsv.rows(allFlags(handle.db, adminReviewer, query, today), today))
		);
		const reader = response.body!.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
		}
		ms = performance.now() - start;
	}
	const maxRssKb = process.resourceUsage().maxRSS;
	process.stdout.write(`${JSON.stringify({ rows, bytes, ms, maxRssKb })}\n`);
} finally {
	await handle.close();
}
