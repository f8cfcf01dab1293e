import { and, asc, count, eq, getTableColumns, gt, max, sql } from 'drizzle-orm';
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

/** Up to `limit` locations of a region after `after`, in location ID order, and the region's size. */
export async function listRegionPage(
	db: Database,
	region: string,
	after: string | null,
	limit: number
): Promise<{ locations: Location[]; total: number; next: string | null }> {
	const inRegion = eq(locations.region, region);
	const [rows, [counted]] = await Promise.all([
		db
			.select()
			.from(locations)
			.where(after ? and(inRegion, gt(locations.locationId, after)) : inRegion)
			.orderBy(asc(locations.locationId))
			.limit(limit + 1),
		db.select({ total: count() }).from(locations).where(inRegion)
	]);
	const page = rows.slice(0, limit);
	return {
		locations: page.map(({ updatedAt: _updatedAt, ...location }) => location as Location),
		total: Number(counted?.total ?? 0),
		next: rows.length > limit ? page.at(-1)!.locationId : null
	};
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
