/**
 * The syncPush baseline: the rows an upload stored, written again through the raw driver (no ORM)
 * into copies of their tables with the same keys, indexes, checks and defaults (`LIKE … INCLUDING
 * ALL`), one multi-row INSERT per table per batch of 100 changes and one transaction per batch,
 * as the upload commits each batch: the least any upload of those rows could cost.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { DatabaseHandle } from '$lib/server/db/database';

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
type Raw = { query: Query; transaction: (work: (query: Query) => Promise<void>) => Promise<void> };

function rawDriver(handle: DatabaseHandle): Raw {
	if (handle.kind === 'pglite') {
		const client = handle.db.$client as PGlite;
		return {
			query: async (text, params) => (await client.query(text, params)).rows as never,
			transaction: async (work) => {
				await client.transaction((tx) =>
					work(async (text, params) => (await tx.query(text, params)).rows as never)
				);
			}
		};
	}
	const client = handle.db.$client as Sql;
	const query: Query = (text, params) => client.unsafe(text, params as never[]) as never;
	return {
		query,
		transaction: async (work) => {
			await client.begin((tx) =>
				work((text, params) => tx.unsafe(text, params as never[]) as never)
			);
		}
	};
}

/** A table copied: its name, and the columns the upload writes (defaults fill the others). */
export type Copied = { table: string; skip: string[]; upsert?: boolean };

const asText = (value: unknown): string | null => {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.toISOString();
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * Copies `tables`, reads their rows, and writes them again in batches: `batchesOf(table, row)`
 * says which batches write the row (an upserted row may be written by several). Returns the
 * milliseconds of the writes, commits included.
 */
export async function rewriteInBatches(
	handle: DatabaseHandle,
	tables: Copied[],
	batches: number,
	batchesOf: (table: string, row: Record<string, unknown>) => Iterable<number>
): Promise<number> {
	const raw = rawDriver(handle);
	const plan: Array<{
		table: string;
		written: Array<{ name: string; type: string }>;
		byBatch: Record<string, unknown>[][];
		upsert?: boolean;
	}> = [];
	for (const { table, skip, upsert } of tables) {
		await raw.query(`drop table if exists bench_${table}`);
		await raw.query(`create table bench_${table} (like ${table} including all)`);
		const columns = (await raw.query(
			`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
			 where attrelid = '${table}'::regclass and attnum > 0 and not attisdropped order by attnum`
		)) as Array<{ name: string; type: string }>;
		const written = columns.filter((column) => !skip.includes(column.name));
		const rows = await raw.query(`select * from ${table}`);
		const byBatch = Array.from({ length: batches }, () => [] as Record<string, unknown>[]);
		for (const row of rows) for (const batch of batchesOf(table, row)) byBatch[batch]?.push(row);
		plan.push({ table, written, byBatch, upsert });
	}
	const start = performance.now();
	for (let batch = 0; batch < batches; batch++) {
		await raw.transaction(async (query) => {
			for (const { table, written, byBatch, upsert } of plan) {
				const rows = byBatch[batch]!;
				if (rows.length === 0) continue;
				const params: unknown[] = [];
				const tuples = rows.map(
					(row) =>
						`(${written.map((column) => `$${params.push(asText(row[column.name]))}::${column.type}`).join(', ')})`
				);
				const names = written.map((column) => `"${column.name}"`).join(', ');
				const conflict = upsert
					? ` on conflict (id) do update set ${written
							.filter((column) => column.name !== 'id')
							.map((column) => `"${column.name}" = excluded."${column.name}"`)
							.join(', ')}`
					: '';
				await query(
					`insert into bench_${table} (${names}) values ${tuples.join(', ')}${conflict}`,
					params
				);
			}
		});
	}
	const ms = performance.now() - start;
	for (const { table } of plan) {
		const [copied] = await raw.query(
			`select (select count(*) from ${table}) = (select count(*) from bench_${table}) as same`
		);
		if (!copied?.same) throw new Error(`The baseline did not write every row of ${table}`);
	}
	return ms;
}
