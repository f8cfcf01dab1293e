import { newConversationId } from '$lib/domain/ids';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyConversationFields } from '$lib/domain/conversation/conversation.schema';
import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import { locationSchema, type Location } from '$lib/domain/directory/location.schema';
import { upsertLocations } from '../repos/directory.repo';
import { insertUser } from '../repos/users.repo';
import { testDatabases } from '../testing/databases';
import { MIGRATIONS_FOLDER, type DatabaseHandle } from './database';
import { conversations } from './schema';

/** The data statements of the migration that marks unlisted locations and limits their fields. */
const dataStatements = readFileSync(join(MIGRATIONS_FOLDER, '0005_location_listed.sql'), 'utf8')
	.split('--> statement-breakpoint')
	.map((statement) => statement.trim())
	.filter((statement) => statement.startsWith('UPDATE'));

describe.each(testDatabases())(
	'conversations stored before locations were checked, on $name',
	({ open }) => {
		let handle: DatabaseHandle;
		const listed = DEMO_DIRECTORY[0]!;
		const stored: [string, Location][] = [
			['listed', listed],
			['renamed by the device', { ...listed, name: 'Some other name' }],
			['not in the directory', { ...listed, locationId: '1-999999999' }],
			[
				'far too long',
				{
					...listed,
					locationId: '1-999999998',
					name: 'n'.repeat(900_000),
					providerId: 'p'.repeat(50),
					localAuthority: 'l'.repeat(500),
					type: 't'.repeat(500),
					beds: 5_000_000
				}
			]
		];

		beforeAll(async () => {
			handle = await open();
			await upsertLocations(handle.db, [listed]);
			const user = await insertUser(handle.db, {
				email: 'old@example.test',
				name: 'Old',
				role: 'inspector',
				passwordHash: 'not-used'
			});
			const at = new Date('2026-01-05T10:00:00Z');
			for (const [what, location] of stored) {
				await handle.db.insert(conversations).values({
					id: newConversationId(),
					userId: user.id,
					locationId: location.locationId,
					location,
					locationName: location.name.slice(0, 1000) + what,
					questionSetId: 'adult-social-care',
					questionSetVersion: 1,
					status: 'draft',
					fields: emptyConversationFields(),
					startedAt: at,
					updatedAt: at,
					version: stored.findIndex(([name]) => name === what) + 1
				});
			}
			for (const statement of dataStatements) await handle.db.execute(sql.raw(statement));
		});
		afterAll(() => handle.close());

		it('marks every location that is not the directory’s entry as unlisted, and brings each within the limits', async () => {
			const rows = await handle.db.select().from(conversations).orderBy(asc(conversations.version));
			expect(rows.map((row) => row.locationListed)).toEqual([true, false, false, false]);
			for (const row of rows) expect(locationSchema.safeParse(row.location).success).toBe(true);
			expect(rows[3]!.location).toMatchObject({
				name: 'n'.repeat(200),
				providerId: 'p'.repeat(20),
				localAuthority: 'l'.repeat(100),
				type: 't'.repeat(100),
				beds: null
			});
			expect(rows[3]!.locationName).toBe('n'.repeat(200));
			expect(rows[0]!.location).toEqual(listed);
		});
	}
);
