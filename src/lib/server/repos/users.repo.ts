import { asc, count, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { teams, users } from '../db/schema';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
	const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
	return user;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
	const [user] = await db.select().from(users).where(eq(users.id, id));
	return user;
}

export async function insertUser(db: Database, user: NewUser): Promise<UserRow> {
	const [created] = await db
		.insert(users)
		.values({ ...user, email: user.email.trim().toLowerCase() })
		.returning();
	return created!;
}

export async function updateUser(
	db: Database,
	id: string,
	changes: Partial<NewUser>
): Promise<UserRow | undefined> {
	const [updated] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
	return updated;
}

export async function listUsersWithTeams(db: Database) {
	return db
		.select({ user: users, teamName: teams.name })
		.from(users)
		.leftJoin(teams, eq(users.teamId, teams.id))
		.orderBy(asc(users.name));
}

export async function listTeams(db: Database) {
	return db.select().from(teams).orderBy(asc(teams.name));
}

export async function insertTeam(db: Database, team: typeof teams.$inferInsert) {
	const [created] = await db.insert(teams).values(team).returning();
	return created!;
}

export async function setTeamManager(db: Database, teamId: string, managerId: string) {
	await db.update(teams).set({ managerId }).where(eq(teams.id, teamId));
}

export async function countUsers(db: Database): Promise<number> {
	const [row] = await db.select({ total: count() }).from(users);
	return Number(row?.total ?? 0);
}
