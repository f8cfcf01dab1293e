/**
 * Who may review what: a manager reviews their own team's conversations, an administrator every
 * conversation. Every review query and decision goes through here; anything out of scope is
 * answered as if it did not exist.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '$lib/domain/accounts/account.schema';
import { DomainError } from '$lib/domain/errors';
import { conversations } from '../db/schema';

export type Reviewer = Pick<SessionUser, 'id' | 'name' | 'role' | 'teamId'>;

export function reviewScope(reviewer: Reviewer): SQL {
	if (reviewer.role === 'admin') return sql`true`;
	if (reviewer.role !== 'manager' || reviewer.teamId === null) return sql`false`;
	return eq(conversations.teamId, reviewer.teamId);
}

export function canReview(reviewer: Reviewer, teamId: string | null): boolean {
	if (reviewer.role === 'admin') return true;
	return reviewer.role === 'manager' && reviewer.teamId !== null && reviewer.teamId === teamId;
}

export function notFound(what: string): DomainError {
	return new DomainError('NOT_FOUND', `There is no such ${what}, or it is not your team's.`);
}
