/**
 * `npm run bench [-- part ...] [--quick]`: measures what inspectors and managers feel and writes
 * bench/results/latest.json and latest.md. A run of some parts keeps the other parts' last
 * figures, each with the date it was measured. See bench/README.md.
 */
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import {
	PART_KEYS,
	type BenchContext,
	type Part,
	type PartKey,
	type PartReport
} from './lib/figures';
import { toMarkdown } from './lib/report';

const PARTS: Record<PartKey, () => Promise<Part>> = {
	autosave: async () => (await import('./parts/autosave')).part,
	killDurability: async () => (await import('./parts/kill-durability')).part,
	offlineColdStart: async () => (await import('./parts/offline-cold-start')).part,
	bytes: async () => (await import('./parts/bytes')).part,
	syncPush: async () => (await import('./parts/sync-push')).part,
	serverLoad: async () => (await import('./parts/server-load')).part,
	reviewQueries: async () => (await import('./parts/review-queries')).part,
	directory: async () => (await import('./parts/directory')).part
};

const RESULTS = 'bench/results/latest.json';

type Results = {
	machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
	parts: Partial<Record<PartKey, PartReport & { measuredAt: string }>>;
};

async function reachable(url: string | undefined): Promise<string | undefined> {
	if (!url) return undefined;
	const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => undefined });
	try {
		await sql`select 1`;
		return url;
	} catch {
		return undefined;
	} finally {
		await sql.end();
	}
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--quick' && !PART_KEYS.includes(arg as PartKey));
if (unknown.length > 0) {
	console.error(
		`Unknown part ${unknown.join(', ')}. Parts: ${PART_KEYS.join(', ')}; option --quick.`
	);
	process.exit(2);
}
const chosen = PART_KEYS.filter((key) => args.includes(key));
const context: BenchContext = {
	postgresUrl: await reachable(
		process.env.BENCH_DATABASE_URL ??
			process.env.TEST_DATABASE_URL ??
			'postgres://postgres@127.0.0.1:5432/test'
	),
	quick: args.includes('--quick'),
	log: (line) => console.log(`  ${line}`)
};
const readResults = (): Results | undefined =>
	existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Results) : undefined;
const previous = readResults();
const results: Results = {
	machine: {
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		memoryGb: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		platform: `${process.platform} ${process.arch}`
	},
	parts: previous?.parts ?? {}
};
let failed = false;
for (const key of chosen.length > 0 ? chosen : PART_KEYS) {
	const part = await PARTS[key]();
	console.log(`\n${part.title} (${key})`);
	const start = performance.now();
	try {
		const figures = await part.run(context);
		results.parts[key] = {
			key,
			title: part.title,
			figures,
			seconds: Math.round((performance.now() - start) / 100) / 10,
			measuredAt: new Date().toISOString()
		};
	} catch (error) {
		failed = true;
		console.error(`  ${key} failed:`, error);
	}
	// Another run may have written other parts meanwhile: keep them, replace only this one.
	const onDisk = readResults();
	results.parts = { ...onDisk?.parts, [key]: results.parts[key] ?? onDisk?.parts[key] };
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(RESULTS, `${JSON.stringify(results, null, '\t')}\n`);
	writeFileSync('bench/results/latest.md', toMarkdown(results));
}
console.log(`\nWrote ${RESULTS} and bench/results/latest.md`);
process.exit(failed ? 1 : 0);
