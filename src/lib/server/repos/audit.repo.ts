import type { Database } from '../db/database';
import { auditLog } from '../db/schema';

export type AuditAction =
	| 'sign-in'
	| 'sign-in.failed'
	| 'sign-in.refused-locked'
	| 'sign-in.rate-limited'
	| 'account.locked'
	| 'sign-out'
	| 'password.changed'
	| 'password.wrong'
	| 'password.refused-locked'
	| 'user.created'
	| 'user.role-changed'
	| 'user.updated'
	| 'user.deactivated'
	| 'user.reactivated'
	| 'directory.imported';

export type AuditEntry = {
	action: AuditAction;
	actorId?: string | null;
	subject?: string | null;
	address?: string | null;
	details?: Record<string, unknown>;
};

export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values({
		action: entry.action,
		actorId: entry.actorId ?? null,
		subject: entry.subject ?? null,
		address: entry.address ?? null,
		details: entry.details ?? null
	});
}
