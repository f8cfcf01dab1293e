import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { users } from '../db/schema';
import type { Reviewer } from './review-scope';

/** The inspectors a reviewer can filter by: their team's, or everyone's for an administrator. */
export async function reviewPeople(db: Database, reviewer: Reviewer) {
	const scope =
		reviewer.role === 'admin'
			? eq(users.active, true)
			: reviewer.teamId
				? and(eq(users.active, true), eq(users.teamId, reviewer.teamId))
				: eq(users.id, reviewer.id);
	const people = await db
		.select({ id: users.id, name: users.name, role: users.role })
		.from(users)
		.where(and(scope, inArray(users.role, ['inspector', 'manager', 'admin'])))
		.orderBy(asc(users.name));
	return { inspectors: people.filter((person) => person.role === 'inspector') };
}

/** Who can follow up a flag: the active members of the conversation's team. */
export async function assigneesFor(db: Database, teamId: string | null) {
	if (teamId === null) return [];
	return db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(eq(users.active, true), eq(users.teamId, teamId)))
		.orderBy(asc(users.name));
}
