/**
 * A conversation starts at the location the server's directory has under the location ID the
 * device sent; the device's copy of the details is not trusted. An ID the directory does not
 * have (or has for another sector, so not for the question set the device chose) is taken as an
 * unlisted location: the device's details, each field already length-limited by the schema,
 * marked so that managers see they did not come from the directory.
 */
import { eq } from 'drizzle-orm';
import type { Location } from '$lib/domain/directory/location.schema';
import type { Database } from '../db/database';
import { locations } from '../db/schema';

export type StartLocation = { location: Location; listed: boolean };

export async function startLocation(tx: Database, sent: Location): Promise<StartLocation> {
	const [row] = await tx.select().from(locations).where(eq(locations.locationId, sent.locationId));
	if (!row || row.sector !== sent.sector) return { location: sent, listed: false };
	const { updatedAt: _updatedAt, ...location } = row;
	// Imported through the location schema, so its region is one of REGIONS.
	return { location: location as Location, listed: true };
}
