import { asc, count, eq, getTableColumns, max, sql } from 'drizzle-orm';
import type { Location } from '$lib/domain/directory/location.schema';
import type { Database } from '../db/database';
import { locations } from '../db/schema';

const CHUNK = 500;

// On a clash every column but the key takes the incoming row's value.
const REPLACED_COLUMNS = Object.fromEntries(
	Object.entries(getTableColumns(locations))
		.filter(([key]) => key !== 'locationId')
		.map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)])
);

/** Adds or replaces locations by location ID. Call inside a transaction for all-or-nothing. */
export async function upsertLocations(
	db: Database,
	rows: readonly Location[],
	now = new Date()
): Promise<void> {
	for (let start = 0; start < rows.length; start += CHUNK) {
		const chunk = rows.slice(start, start + CHUNK).map((row) => ({ ...row, updatedAt: now }));
		await db
			.insert(locations)
			.values(chunk)
			.onConflictDoUpdate({ target: locations.locationId, set: REPLACED_COLUMNS });
	}
}

export async function listRegionLocations(db: Database, region: string): Promise<Location[]> {
	const rows = await db
		.select()
		.from(locations)
		.where(eq(locations.region, region))
		.orderBy(asc(locations.locationId));
	return rows.map(({ updatedAt: _updatedAt, ...location }) => location as Location);
}

/** Changes whenever a location of the region is added or changed. */
export async function regionVersion(db: Database, region: string): Promise<string> {
	const [row] = await db
		.select({ total: count(), latest: max(locations.updatedAt) })
		.from(locations)
		.where(eq(locations.region, region));
	return `${row?.total ?? 0}-${row?.latest ? new Date(row.latest).getTime() : 0}`;
}

export async function countLocations(db: Database): Promise<number> {
	const [row] = await db.select({ total: count() }).from(locations);
	return Number(row?.total ?? 0);
}
