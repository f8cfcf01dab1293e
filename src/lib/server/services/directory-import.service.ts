import type { Location } from '$lib/domain/directory/location.schema';
import type { Database } from '../db/database';
import { recordAudit } from '../repos/audit.repo';
import { upsertLocations } from '../repos/directory.repo';

/** Applies the valid rows of an import in one transaction: all of them, or none. */
export async function importLocations(
	db: Database,
	locations: readonly Location[],
	actorId: string | null,
	source: string
): Promise<void> {
	await db.transaction(async (tx) => {
		await upsertLocations(tx as unknown as Database, locations);
		await recordAudit(tx as unknown as Database, {
			action: 'directory.imported',
			actorId,
			subject: source,
			details: { locations: locations.length }
		});
	});
}
