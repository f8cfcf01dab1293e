/**
 * Manager queries at scale: the review queue's server functions, called in-process as the pages
 * call them, against the database `npm run seed:scale` fills (100,000 flags), as an administrator
 * (every team) and as the London manager (one team); and the CSV export of every flag, in a child
 * process so that its peak memory can be read.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { reviewQuerySchema, type ReviewQuery } from '$lib/domain/review/review-query.schema';
import { openDatabase, type Database } from '$lib/server/db/database';
import * as schema from '$lib/server/db/schema';
import { todayInUk } from '$lib/server/http/review-request';
import { reviewCharts } from '$lib/server/review/review-charts';
import { countFlags, listConversations, listFlags } from '$lib/server/review/review-queue';
import type { Reviewer } from '$lib/server/review/review-scope';
import { compared, spread, timed, type BenchContext, type Figure, type Part } from '../lib/figures';

const DEFAULT_SCALE_URL = 'postgres://postgres@127.0.0.1:5432/esf_scale';
const MIN_FLAGS = 100_000;
const TARGET_MS = 50;
const WARM_UP = 3;

type Kind = 'flags' | 'conversations' | 'charts';
type Case = {
	key: string;
	label: string;
	kind: Kind;
	params: Record<string, string>;
	/** Follow `next` this many times from page 1 before timing. */
	follow?: number;
};

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** The scale database's URL, checked to hold the seeded flags. */
async function scaleDatabase(url: string) {
	const seedFirst = (why: string) =>
		new Error(`${why} Run \`npm run seed:scale -- --url ${url}\` first.`);
	const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
	try {
		let flagCount: number;
		try {
			const [row] = await client<{ n: number }[]>`select count(*)::int as n from flags`;
			flagCount = row?.n ?? 0;
		} catch (error) {
			throw seedFirst(
				`The scale database ${url} cannot be read (${error instanceof Error ? error.message : String(error)}).`
			);
		}
		if (flagCount < MIN_FLAGS) {
			throw seedFirst(`The scale database holds ${flagCount} flags, fewer than ${MIN_FLAGS}.`);
		}
		const [manager] = await client<{ id: string; name: string; team_id: string | null }[]>`
			select id, name, team_id from users where email = 'scale-manager-london@scale.invalid'`;
		const [inspector] = await client<{ id: string }[]>`
			select id from users where email = 'scale-inspector-london-01@scale.invalid'`;
		if (!manager?.team_id || !inspector) {
			throw seedFirst('The scale database has no London manager or inspector.');
		}
		// Search terms taken from the London team's own conversations, so both reviewers find them.
		const [sample] = await client<
			{ location_id: string; location_name: string; postcode: string }[]
		>`
			select location_id, location_name, postcode from conversations
			where team_id = ${manager.team_id} order by started_at desc limit 1`;
		// The state the tables are in: dead rows left by earlier seeds are read by every scan.
		const tables = await client<
			{ relname: string; live: number; dead: number; mb: number; vacuumed: boolean }[]
		>`
			select relname, n_live_tup::int as live, n_dead_tup::int as dead,
				(pg_relation_size(relid) / 1048576)::int as mb,
				(last_vacuum is not null or last_autovacuum is not null) as vacuumed
			from pg_stat_user_tables where relname in ('flags', 'conversations') order by relname desc`;
		const [{ autovacuum } = { autovacuum: '?' }] = await client<
			{ autovacuum: string }[]
		>`select current_setting('autovacuum') as autovacuum`;
		const condition =
			`Tables as found: ${tables
				.map(
					(table) =>
						`${table.relname} ${table.live.toLocaleString('en-GB')} live + ${table.dead.toLocaleString('en-GB')} dead rows, ` +
						`${table.mb} MB heap, ${table.vacuumed ? 'vacuumed' : 'never vacuumed'}`
				)
				.join('; ')}; autovacuum ${autovacuum}; ` +
			`load average ${loadavg()
				.map((load) => load.toFixed(1))
				.join(' / ')} on ${cpus().length} CPUs at the start`;
		const flagIds = (
			await client<{ id: string }[]>`select id from flags order by random() limit 100`
		).map((row) => row.id);
		return {
			flagCount,
			manager,
			inspectorId: inspector.id,
			sample: sample!,
			flagIds,
			condition
		};
	} finally {
		await client.end();
	}
}

function cases(
	inspectorId: string,
	sample: { location_id: string; location_name: string; postcode: string },
	today: string
): Case[] {
	const daysBefore = (days: number) =>
		new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
	const nameFragment = sample.location_name.split(' ')[0]!.toLowerCase();
	// The start of the postcode, typed without its space: "SW12 3AB" → "sw123".
	const postcodeStart = sample.postcode.replace(/\s+/g, '').slice(0, -2).toLowerCase();
	return [
		{ key: 'default', label: 'Queue page 1, no filters', kind: 'flags', params: {} },
		{ key: 'area', label: 'area=2', kind: 'flags', params: { area: '2' } },
		{ key: 'severity', label: 'severity=high', kind: 'flags', params: { severity: 'high' } },
		{ key: 'status', label: 'status=escalated', kind: 'flags', params: { status: 'escalated' } },
		{ key: 'sector', label: 'sector=gp', kind: 'flags', params: { sector: 'gp' } },
		{ key: 'region', label: 'region=London', kind: 'flags', params: { region: 'London' } },
		{
			key: 'inspector',
			label: 'inspector=<one London inspector>',
			kind: 'flags',
			params: { inspector: inspectorId }
		},
		{
			key: 'dates',
			label: `from/to, 30 days (${daysBefore(29)} to ${today})`,
			kind: 'flags',
			params: { from: daysBefore(29), to: today }
		},
		{ key: 'overdue', label: 'overdue=yes', kind: 'flags', params: { overdue: 'yes' } },
		{
			key: 'searchName',
			label: `q=${nameFragment} (name fragment)`,
			kind: 'flags',
			params: { q: nameFragment }
		},
		{
			key: 'searchPostcode',
			label: `q=${postcodeStart} (postcode start)`,
			kind: 'flags',
			params: { q: postcodeStart }
		},
		{
			key: 'searchLocationId',
			label: `q=${sample.location_id} (location ID)`,
			kind: 'flags',
			params: { q: sample.location_id }
		},
		{ key: 'sortSeverity', label: 'sort=severity', kind: 'flags', params: { sort: 'severity' } },
		{ key: 'sortDue', label: 'sort=due', kind: 'flags', params: { sort: 'due' } },
		{
			key: 'page50',
			label: 'Page 50 by cursor (next followed 49 times from page 1)',
			kind: 'flags',
			params: {},
			follow: 49
		},
		{
			key: 'conversations',
			label: 'Conversations needing review, page 1',
			kind: 'conversations',
			params: { view: 'conversations' }
		},
		{ key: 'charts', label: 'Charts', kind: 'charts', params: {} }
	];
}

/** The page's work, as its load function does it; `listOnly` leaves out the counts. */
function pageWork(db: Database, reviewer: Reviewer, query: ReviewQuery, today: string, kind: Kind) {
	if (kind === 'charts') return () => reviewCharts(db, reviewer, query, today);
	const list =
		kind === 'conversations'
			? () => listConversations(db, reviewer, query, today)
			: () => listFlags(db, reviewer, query, today);
	return () => Promise.all([countFlags(db, reviewer, query, today), list()]);
}
function listWork(db: Database, reviewer: Reviewer, query: ReviewQuery, today: string, kind: Kind) {
	if (kind === 'conversations') return () => listConversations(db, reviewer, query, today);
	return () => listFlags(db, reviewer, query, today);
}

async function measure(times: number, work: () => Promise<unknown>) {
	for (let i = 0; i < WARM_UP; i++) await work();
	return spread(await timed(times, work));
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN ANALYZE of a page's statements, for the figures that miss the target

type PlanNode = {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	'Actual Total Time': number;
	'Actual Loops': number;
	'Actual Rows': number;
	'Sort Method'?: string;
	'Sort Space Type'?: string;
	Plans?: PlanNode[];
};

function statementLabel(text: string): string {
	const grouped = /group by (.+?)(?: order by | limit |$)/is.exec(text)?.[1];
	const tidy = (part: string) =>
		part
			.replace(/"[a-z_]+"\."([a-z_]+)"/g, '$1')
			.replace(/\s+/g, ' ')
			.trim();
	if (grouped) {
		const by = tidy(grouped);
		return `count by ${by.length > 40 ? `${by.slice(0, 37)}…` : by}`;
	}
	if (/^select count\(\*\)/i.test(text)) return 'total count';
	if (/ limit /i.test(text)) return 'page rows';
	return 'statement';
}

function describe(plan: PlanNode): string {
	const nodes: { node: PlanNode; self: number }[] = [];
	const walk = (node: PlanNode) => {
		const total = node['Actual Total Time'] * node['Actual Loops'];
		const children = (node.Plans ?? []).reduce(
			(sum, child) => sum + child['Actual Total Time'] * child['Actual Loops'],
			0
		);
		nodes.push({ node, self: Math.max(0, total - children) });
		node.Plans?.forEach(walk);
	};
	walk(plan);
	return nodes
		.sort((a, b) => b.self - a.self)
		.slice(0, 2)
		.map(({ node, self }) => {
			const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
			const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
			const spill = node['Sort Space Type'] === 'Disk' ? `, ${node['Sort Method']} on disk` : '';
			const rows = Math.round(node['Actual Rows'] * node['Actual Loops']);
			return `${node['Node Type']}${on}${using} (${rows.toLocaleString('en-GB')} rows, self ≈${round(self)} ms${spill})`;
		})
		.join(' + ');
}

/** Runs the page once through a logging client, then EXPLAIN ANALYZE on each statement it sent. */
async function explainPage(
	url: string,
	run: (db: Database) => () => Promise<unknown>
): Promise<string> {
	const client = postgres(url, { max: 1, onnotice: () => undefined });
	try {
		const statements: { query: string; params: unknown[] }[] = [];
		const logging = drizzle(client, {
			schema,
			logger: { logQuery: (query, params) => void statements.push({ query, params }) }
		}) as unknown as Database;
		await run(logging)();
		const explained: { label: string; ms: number; plan: PlanNode }[] = [];
		for (const { query, params } of statements) {
			type Explained = { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] };
			const [row] = await client.unsafe<Explained[]>(
				`explain (analyze, buffers, format json) ${query}`,
				params as never[]
			);
			const [result] = row!['QUERY PLAN'];
			explained.push({
				label: statementLabel(query),
				ms: result!['Execution Time'],
				plan: result!.Plan
			});
		}
		const sum = explained.reduce((total, statement) => total + statement.ms, 0);
		const slowest = [...explained].sort((a, b) => b.ms - a.ms);
		const over = explained.filter((statement) => statement.ms > 10).length;
		const worst = slowest[0]!;
		return (
			`EXPLAIN ANALYZE, ${explained.length} statements one at a time, ${round(sum)} ms in all ` +
			`(self times summed over parallel workers), ` +
			`${over} over 10 ms; slowest "${worst.label}" ${round(worst.ms)} ms: ${describe(worst.plan)}` +
			(slowest[1] ? `; next "${slowest[1].label}" ${round(slowest[1].ms)} ms` : '')
		);
	} finally {
		await client.end();
	}
}

// ---------------------------------------------------------------------------------------------
// CSV export in a child process

type ChildReport = { rows: number; bytes: number; ms: number; maxRssKb: number; peakKb: number };

async function runExportChild(url: string, extra: string[] = []): Promise<ChildReport> {
	const args = ['--import', 'tsx', 'bench/lib/export-csv-child.ts', url, ...extra];
	const useTime = existsSync('/usr/bin/time');
	const [command, commandArgs] = useTime
		? ['/usr/bin/time', ['-v', process.execPath, ...args]]
		: [process.execPath, args];
	const child = spawn(command, commandArgs, {
		env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.json' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	const line = stdout
		.split('\n')
		.reverse()
		.find((text) => text.startsWith('{'));
	if (code !== 0 || !line) {
		throw new Error(`The CSV export child failed (exit ${code}):\n${stderr.slice(-2000)}`);
	}
	const report = JSON.parse(line) as Omit<ChildReport, 'peakKb'>;
	const fromTime = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
	return { ...report, peakKb: useTime && Number.isFinite(fromTime) ? fromTime : report.maxRssKb };
}

/** The database writing the same columns for the same rows as CSV itself: COPY … TO STDOUT. */
async function copyBaseline(url: string): Promise<{ ms: number; bytes: number }> {
	const client = postgres(url, { max: 1, onnotice: () => undefined });
	try {
		const start = performance.now();
		const stream = await client
			.unsafe(
				`copy (
					select f.id, c.location_id, c.location_name, c.postcode, c.region, c.sector,
						i.name as inspector, f.question_id, f.area, f.severity, f.reason, f.status,
						f.review_status, f.escalated_to, f.urgency, a.name as follow_up_by, f.follow_up_due,
						f.follow_up_due < current_date and f.review_status <> 'resolved' as overdue, f.raised_at
					from flags f
					join conversations c on c.id = f.conversation_id
					join users i on i.id = c.user_id
					left join users a on a.id = f.assignee_id
					order by f.raised_at desc, f.id desc
				) to stdout with (format csv, header)`
			)
			.readable();
		let bytes = 0;
		for await (const chunk of stream) bytes += (chunk as Buffer).byteLength;
		return { ms: performance.now() - start, bytes };
	} finally {
		await client.end();
	}
}

async function exportFigures(url: string, context: BenchContext, flagCount: number) {
	const times = context.quick ? 1 : 3;
	const runs: ChildReport[] = [];
	for (let i = 0; i < times; i++) {
		const report = await runExportChild(url);
		context.log(
			`CSV export ${i + 1}/${times}: ${report.rows} rows, ${(report.bytes / 1e6).toFixed(1)} MB, ` +
				`${(report.ms / 1000).toFixed(2)} s, peak ${(report.peakKb / 1024).toFixed(0)} MB`
		);
		runs.push(report);
	}
	const idle: ChildReport[] = [];
	for (let i = 0; i < times; i++) idle.push(await runExportChild(url, ['--idle']));
	// Once, for the note: does the peak grow with the number of rows?
	const london = await runExportChild(url, ['--region', 'London']);
	const copies: { ms: number; bytes: number }[] = [];
	for (let i = 0; i < times; i++) copies.push(await copyBaseline(url));
	const last = runs.at(-1)!;
	const memory = spread(runs.map((run) => run.peakKb / 1024));
	const source = existsSync('/usr/bin/time')
		? '/usr/bin/time -v maximum resident set size'
		: 'process.resourceUsage().maxRSS';
	return [
		compared(
			{
				key: 'csvExportTime',
				label: `CSV export of all ${last.rows.toLocaleString('en-GB')} flags (admin, no filters)`,
				unit: 's',
				measured: spread(runs.map((run) => run.ms / 1000)),
				note:
					`Child process: allFlags → flagCsv.rows → csvResponse, body read to the end; ` +
					`${last.rows.toLocaleString('en-GB')} rows (${flagCount.toLocaleString('en-GB')} flags in the database), ` +
					`${(last.bytes / 1e6).toFixed(1)} MB. Baseline: PostgreSQL COPY of the same columns and join, ` +
					`same order, TO STDOUT as CSV (${(copies[0]!.bytes / 1e6).toFixed(1)} MB), read by the parent.`
			},
			{ label: 'COPY (same join) TO STDOUT', ...spread(copies.map((copy) => copy.ms / 1000)) }
		),
		compared(
			{
				key: 'csvExportMemory',
				label: 'CSV export peak memory (child process)',
				unit: 'MB',
				measured: memory,
				target: { text: 'under 300 MB because it streams', met: memory.p95 < 300 },
				note:
					`${source}; baseline: the same child that only opens the database (Node, tsx, migrations). ` +
					`For comparison, region=London only (${london.rows.toLocaleString('en-GB')} rows, ${(london.bytes / 1e6).toFixed(1)} MB): ` +
					`peak ${(london.peakKb / 1024).toFixed(0)} MB in ${(london.ms / 1000).toFixed(2)} s.`
			},
			{
				label: 'child that only opens the database',
				...spread(idle.map((run) => run.peakKb / 1024))
			}
		)
	];
}

// ---------------------------------------------------------------------------------------------

export const part: Part = {
	key: 'reviewQueries',
	title: 'Manager queries at scale',
	async run(context) {
		const url = process.env.BENCH_SCALE_URL ?? DEFAULT_SCALE_URL;
		const found = await scaleDatabase(url);
		const times = context.quick ? 5 : 30;
		const today = todayInUk();
		const handle = await openDatabase({ url });
		const figures: Figure[] = [];
		const failures: string[] = [];
		context.log(found.condition);
		try {
			const { db } = handle;
			const reviewers: { key: string; label: string; reviewer: Reviewer }[] = [
				{
					key: 'admin',
					label: 'administrator (national)',
					reviewer: {
						id: '00000000-0000-4000-8000-000000000001',
						name: 'Benchmark administrator',
						role: 'admin',
						teamId: null
					}
				},
				{
					key: 'london',
					label: 'London manager',
					reviewer: {
						id: found.manager.id,
						name: found.manager.name,
						role: 'manager',
						teamId: found.manager.team_id
					}
				}
			];

			// The baseline: one flag by primary key, through the same connection pool.
			const lookup = (i: number) =>
				db.execute(sql`select * from flags where id = ${found.flagIds[i % found.flagIds.length]!}`);
			for (let i = 0; i < WARM_UP; i++) await lookup(i);
			const baseline = {
				label: 'flag by primary key',
				...spread(await timed(times, lookup))
			};
			context.log(
				`baseline: flag by primary key p50 ${baseline.median.toFixed(2)} / p95 ${baseline.p95.toFixed(2)} ms`
			);

			for (const { key: who, label: whoLabel, reviewer } of reviewers) {
				for (const item of cases(found.inspectorId, found.sample, today)) {
					let query = reviewQuerySchema.parse(item.params);
					if (item.follow) {
						for (let page = 0; page < item.follow; page++) {
							const { next } = await listFlags(db, reviewer, query, today);
							if (!next) throw new Error(`The queue ran out of pages at page ${page + 1}`);
							query = { ...query, after: next };
						}
					}
					const page = pageWork(db, reviewer, query, today, item.kind);
					let measured: Awaited<ReturnType<typeof measure>>;
					try {
						measured = await measure(times, page);
					} catch (error) {
						// A page that fails cannot be timed; say so and go on with the others.
						const cause =
							error instanceof Error && error.cause instanceof Error ? error.cause : error;
						const message = cause instanceof Error ? cause.message : String(cause);
						context.log(`${whoLabel}, ${item.label}: FAILED, not measured: ${message}`);
						failures.push(`${whoLabel}, ${item.label}: ${message}`);
						continue;
					}
					const rows =
						item.kind === 'charts'
							? undefined
							: ((await page()) as [{ total: number }, { items: unknown[] }]);
					const notes: string[] = [];
					if (rows) {
						notes.push(
							`${rows[1].items.length} rows on the page; ${rows[0].total.toLocaleString('en-GB')} flags match`
						);
						const list = await measure(times, listWork(db, reviewer, query, today, item.kind));
						notes.push(
							`list alone p50 ${round(list.median)} / p95 ${round(list.p95)} ms (the counts are the rest)`
						);
					}
					const met = measured.p95 <= TARGET_MS;
					if (!met) {
						notes.push(
							await explainPage(url, (logging) =>
								pageWork(logging, reviewer, query, today, item.kind)
							)
						);
					}
					context.log(
						`${whoLabel}, ${item.label}: p50 ${measured.median.toFixed(1)} / p95 ${measured.p95.toFixed(1)} ms${met ? '' : ' (misses 50 ms)'}`
					);
					context.log(`    ${notes.join('. ')}`);
					figures.push(
						compared(
							{
								key: `${who}.${item.key}`,
								label: `${whoLabel}: ${item.label}${item.kind === 'charts' ? ' (reviewCharts)' : item.kind === 'conversations' ? ' (countFlags + listConversations)' : ' (countFlags + listFlags)'}`,
								unit: 'ms',
								measured,
								target: { text: `p95 ≤ ${TARGET_MS} ms per page on PostgreSQL`, met },
								note: notes.join('. ')
							},
							baseline
						)
					);
				}
			}
		} finally {
			await handle.close();
		}
		figures.push(...(await exportFigures(url, context, found.flagCount)));
		const first = figures[0];
		if (first) first.note = `${first.note}. ${found.condition}`;
		if (failures.length > 0) {
			// Kept in the results as well as the log: on the first figure, since a failed page has none.
			if (first) {
				first.note = `${first.note}. NOT MEASURED, the call failed: ${failures.join('; ')}`;
			}
		}
		return figures;
	}
};
