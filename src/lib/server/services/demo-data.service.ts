import { like } from 'drizzle-orm';
import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import type { Role } from '$lib/domain/accounts/account.schema';
import type { Database } from '../db/database';
import { users } from '../db/schema';
import { upsertLocations } from '../repos/directory.repo';
import { insertTeam, setTeamManager } from '../repos/users.repo';
import { createUser } from './users.service';

export const DEMO_PASSWORD = 'demo-password';
const DEMO_DOMAIN = '@example.test';

export type DemoAccount = { email: string; role: Role; team: string | null };

/** Demo teams, accounts and the demo directory, for an empty database. */
export async function seedDemoData(db: Database): Promise<DemoAccount[]> {
	const north = await insertTeam(db, { name: 'North East inspection team', region: 'North East' });
	const london = await insertTeam(db, { name: 'London inspection team', region: 'London' });
	const accounts = [
		{
			email: `inspector${DEMO_DOMAIN}`,
			name: 'Ines Inspector',
			role: 'inspector',
			team: london,
			region: 'London'
		},
		{
			email: `inspector2${DEMO_DOMAIN}`,
			name: 'Ivo Inspector',
			role: 'inspector',
			team: north,
			region: 'North East'
		},
		{
			email: `manager${DEMO_DOMAIN}`,
			name: 'Mina Manager',
			role: 'manager',
			team: london,
			region: 'London'
		},
		{
			email: `admin${DEMO_DOMAIN}`,
			name: 'Ada Administrator',
			role: 'admin',
			team: null,
			region: null
		}
	] as const;
	for (const account of accounts) {
		const user = await createUser(
			db,
			{
				email: account.email,
				name: account.name,
				role: account.role,
				teamId: account.team?.id ?? null,
				region: account.region,
				password: DEMO_PASSWORD
			},
			null
		);
		if (account.role === 'manager' && account.team) {
			await setTeamManager(db, account.team.id, user.id);
		}
	}
	await upsertLocations(db, DEMO_DIRECTORY);
	return accounts.map((account) => ({
		email: account.email,
		role: account.role,
		team: account.team?.name ?? null
	}));
}

export async function hasDemoAccounts(db: Database): Promise<boolean> {
	return (
		(
			await db
				.select({ id: users.id })
				.from(users)
				.where(like(users.email, `%${DEMO_DOMAIN}`))
				.limit(1)
		).length > 0
	);
}
