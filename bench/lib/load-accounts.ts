/**
 * The people of the server-load part: the demo data, then inspectors added as an administrator
 * adds them (the users service the admin page and `npm run admin -- create-user` use), written
 * to the server's database before the server starts.
 */
import { createUserSchema } from '$lib/domain/accounts/account.schema';
import { openDatabase, type DatabaseLocation } from '$lib/server/db/database';
import { listTeams } from '$lib/server/repos/users.repo';
import { seedDemoData } from '$lib/server/services/demo-data.service';
import { createUser } from '$lib/server/services/users.service';

export const LOAD_PASSWORD = 'bench-load-password';

export const loadInspector = (i: number) => ({
	email: `load-inspector-${i}@example.test`,
	password: LOAD_PASSWORD
});

/** Adds the demo data and `count` inspectors of the demo London team to a new database. */
export function addInspectors(count: number) {
	return async (location: DatabaseLocation): Promise<void> => {
		const { db, close } = await openDatabase(location);
		try {
			await seedDemoData(db);
			const london = (await listTeams(db)).find((team) => team.region === 'London');
			for (let i = 0; i < count; i++) {
				const input = createUserSchema.parse({
					...loadInspector(i),
					name: `Load Inspector ${i}`,
					role: 'inspector',
					teamId: london?.id ?? null,
					region: 'London'
				});
				await createUser(db, input, null);
			}
		} finally {
			await close();
		}
	};
}
