import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import type { Location } from '$lib/domain/directory/location.schema';
import type { Sector } from '$lib/domain/question-sets/question-set.schema';
import { pullResponseSchema } from '$lib/domain/sync/sync-protocol.schema';
import type { DatabaseHandle } from '$lib/server/db/database';
import { conversations } from '$lib/server/db/schema';
import { upsertLocations } from '$lib/server/repos/directory.repo';
import { conversationForReview } from '$lib/server/review/conversation-detail';
import { pullChanges } from '$lib/server/sync/pull';
import { pushChanges, type SyncUser } from '$lib/server/sync/push';
import { testDatabases } from '$lib/server/testing/databases';
import { startMutation } from '$lib/testing/factories';
import { createInspector } from './harness';

const listed = DEMO_DIRECTORY.find((location) => location.sector === 'adult-social-care')!;
const unlisted: Location = { ...listed, locationId: '1-999999999', name: 'Not In The Directory' };

describe.each(testDatabases())('where a conversation starts, on $name', ({ open }) => {
	let server: DatabaseHandle;
	let user: SyncUser;
	const admin = { id: crypto.randomUUID(), name: 'Admin', role: 'admin', teamId: null } as const;

	beforeAll(async () => {
		server = await open();
		await upsertLocations(server.db, [listed]);
		user = await createInspector(server, 'inspector@example.test');
	});
	afterAll(() => server.close());

	/** Starts a conversation from a new device with `location` as the device gives it. */
	async function start(location: Record<string, unknown>, sector: Sector = 'adult-social-care') {
		const mutation = startMutation({ sector });
		const deviceId = crypto.randomUUID();
		const pushed = await pushChanges(server.db, user, {
			protocol: 1,
			appVersion: 'test',
			userId: user.id,
			deviceId,
			sentAt: new Date().toISOString(),
			mutations: [
				{
					seq: 1,
					mutationId: crypto.randomUUID(),
					clientTime: new Date().toISOString(),
					name: mutation.name,
					argsVersion: 1,
					args: { ...mutation.args, location }
				}
			]
		});
		if (!pushed.ok) throw new Error(pushed.message);
		const id = mutation.args.conversationId;
		const [row] = await server.db.select().from(conversations).where(eq(conversations.id, id));
		return { result: pushed.response.results[0]!, row, id, deviceId };
	}

	it('takes a listed location’s details from the directory, not from the device', async () => {
		const forged = {
			...listed,
			name: 'A name the device made up',
			providerId: '1-000000000',
			localAuthority: 'Somewhere else',
			type: 'Social Care Org'
		};
		const { result, row, id, deviceId } = await start(forged);
		expect(result.status).toBe('applied');
		expect(row).toMatchObject({
			location: listed,
			locationName: listed.name,
			locationListed: true
		});
		const pulled = await pullChanges(server.db, user, {
			protocol: 1,
			userId: user.id,
			deviceId,
			cursor: 0,
			questionSets: []
		});
		if (!pulled.ok) throw new Error(pulled.message);
		const sent = pullResponseSchema.parse(JSON.parse(JSON.stringify(pulled.response)));
		expect(sent.conversations.find((conversation) => conversation.id === id)?.location).toEqual(
			listed
		);
		expect((await conversationForReview(server.db, admin, id))?.locationListed).toBe(true);
	});

	it.each([
		['an ID the directory does not have', unlisted],
		['a listed ID with another sector than the directory’s', { ...listed, sector: 'gp' as const }]
	])('keeps %s as an unlisted location, marked for managers', async (_what, location) => {
		const { result, row, id } = await start(location, location.sector);
		expect(result.status).toBe('applied');
		expect(row).toMatchObject({ location, locationListed: false });
		expect((await conversationForReview(server.db, admin, id))?.locationListed).toBe(false);
	});

	it.each([
		['a 900 KB name', { name: 'x'.repeat(900_000) }, 'location.name'],
		['a name of 201 characters', { name: 'x'.repeat(201) }, 'location.name'],
		['a provider ID of 21 characters', { providerId: '1'.repeat(21) }, 'location.providerId'],
		[
			'a local authority of 101 characters',
			{ localAuthority: 'y'.repeat(101) },
			'location.localAuthority'
		],
		['a type of 101 characters', { type: 'z'.repeat(101) }, 'location.type'],
		['a bed count of a million', { beds: 1_000_000 }, 'location.beds']
	])('refuses an unlisted location with %s and stores nothing', async (_what, change, path) => {
		const { result, row } = await start({ ...unlisted, ...change });
		expect(result).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
		expect(result.message).toContain(`(args.${path})`);
		expect(row).toBeUndefined();
	});
});
