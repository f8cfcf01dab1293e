import type {
	CreateUserInput,
	SessionUser,
	UpdateUserInput
} from '$lib/domain/accounts/account.schema';
import type { Database } from '../db/database';
import { hashPassword, verifyPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/session';
import { releaseAttempt, reserveAttempt } from '../auth/attempt-limits';
import { untilTime } from '../auth/until-time';
import { recordAudit } from '../repos/audit.repo';
import {
	findUserByEmail,
	findUserById,
	insertUser,
	listTeams,
	updateUser,
	type UserRow
} from '../repos/users.repo';

export class UserServiceError extends Error {
	constructor(
		readonly code:
			| 'EMAIL_TAKEN'
			| 'NOT_FOUND'
			| 'NO_SUCH_TEAM'
			| 'WRONG_PASSWORD'
			| 'TOO_MANY_ATTEMPTS'
			| 'OWN_ADMIN_ROLE',
		message: string
	) {
		super(message);
	}
}

export function toSessionUser(user: UserRow): SessionUser {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		role: user.role,
		teamId: user.teamId,
		region: user.region
	};
}

export async function createUser(
	db: Database,
	input: CreateUserInput,
	actorId: string | null
): Promise<UserRow> {
	if (await findUserByEmail(db, input.email)) {
		throw new UserServiceError('EMAIL_TAKEN', 'An account with this email address already exists');
	}
	await requireTeam(db, input.teamId);
	const { password, ...fields } = input;
	// Two administrators adding the same address at once: the unique index decides, not a 500.
	const user = await insertUser(db, {
		...fields,
		passwordHash: await hashPassword(password)
	}).catch((error: unknown) => {
		if (isUniqueViolation(error)) {
			throw new UserServiceError(
				'EMAIL_TAKEN',
				'An account with this email address already exists'
			);
		}
		throw error;
	});
	await recordAudit(db, {
		action: 'user.created',
		actorId,
		subject: user.id,
		details: { email: user.email, role: user.role }
	});
	return user;
}

export async function changeUser(
	db: Database,
	userId: string,
	input: UpdateUserInput,
	actorId: string
): Promise<UserRow> {
	const before = await findUserById(db, userId);
	if (!before) throw new UserServiceError('NOT_FOUND', 'There is no such user');
	if (before.id === actorId && (input.role !== 'admin' || !input.active)) {
		throw new UserServiceError(
			'OWN_ADMIN_ROLE',
			'You cannot remove your own administrator role or deactivate yourself'
		);
	}
	await requireTeam(db, input.teamId);
	const after = (await updateUser(db, userId, input))!;
	if (before.role !== after.role) {
		await recordAudit(db, {
			action: 'user.role-changed',
			actorId,
			subject: userId,
			details: { from: before.role, to: after.role }
		});
	}
	if (before.active !== after.active) {
		await recordAudit(db, {
			action: after.active ? 'user.reactivated' : 'user.deactivated',
			actorId,
			subject: userId
		});
		if (!after.active) await deleteUserSessions(db, userId);
	}
	if (before.teamId !== after.teamId || before.region !== after.region) {
		await recordAudit(db, {
			action: 'user.updated',
			actorId,
			subject: userId,
			details: { teamId: after.teamId, region: after.region }
		});
	}
	return after;
}

/**
 * Changes a password after checking the current one. The check counts towards the sign-in
 * limits of the account, exactly like a sign-in, so it cannot be used to guess the password.
 */
export async function changePassword(
	db: Database,
	input: {
		userId: string;
		currentPassword: string;
		newPassword: string;
		address: string;
		now?: Date;
	}
): Promise<void> {
	const now = input.now ?? new Date();
	const user = await findUserById(db, input.userId);
	if (!user) throw new UserServiceError('NOT_FOUND', 'There is no such user');
	const attempt = await reserveAttempt(db, { email: user.email, address: input.address, now });
	if (!attempt.ok) {
		await recordAudit(db, {
			action: 'password.refused-locked',
			actorId: user.id,
			subject: user.id,
			address: input.address
		});
		throw new UserServiceError(
			'TOO_MANY_ATTEMPTS',
			`Too many wrong passwords for this account. Try again after ${untilTime(attempt.until)}.`
		);
	}
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		await recordAudit(db, {
			action: 'password.wrong',
			actorId: user.id,
			subject: user.id,
			address: input.address
		});
		throw new UserServiceError('WRONG_PASSWORD', 'Your current password is not correct');
	}
	await releaseAttempt(db, attempt.id);
	await updateUser(db, user.id, { passwordHash: await hashPassword(input.newPassword) });
	await recordAudit(db, { action: 'password.changed', actorId: user.id, subject: user.id });
}

async function requireTeam(db: Database, teamId: string | null): Promise<void> {
	if (teamId !== null && !(await listTeams(db)).some((team) => team.id === teamId)) {
		throw new UserServiceError('NO_SUCH_TEAM', 'Select a team from the list');
	}
}

function isUniqueViolation(error: unknown): boolean {
	// PostgreSQL and PGlite both report SQLSTATE 23505, sometimes on a wrapped cause.
	const codeOf = (value: unknown) => (value as { code?: unknown } | null)?.code;
	return (
		codeOf(error) === '23505' || codeOf((error as { cause?: unknown } | null)?.cause) === '23505'
	);
}
