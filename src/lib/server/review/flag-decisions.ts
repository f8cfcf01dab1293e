/**
 * A manager's decisions and comments on a flag. Each decision is checked against the flag's
 * lifecycle and against the review the manager was looking at: when someone else changed the flag
 * in between, the decision is refused with who changed it and when, and nothing is overwritten.
 * Every decision and comment is added to the append-only audit trail, and a decision marks the
 * conversation changed so that it reaches the inspector's device.
 */
import { todayInUk } from '../http/review-request';
import { and, desc, eq } from 'drizzle-orm';
import { DomainError } from '$lib/domain/errors';
import type { FlagDecision } from '$lib/domain/review/flag-review.schema';
import { nextStatus } from '$lib/domain/review/flag-transitions';
import type { Database } from '../db/database';
import { conversations, flags, reviewEvents, users } from '../db/schema';
import { markConversationChanged } from '../sync/change-counter';
import { canReview, notFound, type Reviewer } from './review-scope';

export async function decideFlag(
	db: Database,
	reviewer: Reviewer,
	flagId: string,
	decision: FlagDecision,
	now = new Date()
): Promise<void> {
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const { owner, flag } = await lockFlag(tx, reviewer, flagId, decision.expectedVersion);
		const to = nextStatus(flag.reviewStatus, decision.action);
		const { assigneeName, ...followUp } = await followUpOf(tx, decision, owner.teamId, now);
		// A reopened flag starts its review again; what was decided before stays in the trail.
		const escalation =
			decision.action === 'escalate'
				? { escalatedTo: decision.escalatedTo, urgency: decision.urgency }
				: decision.action === 'reopen'
					? { escalatedTo: null, urgency: null, assigneeId: null, followUpDue: null }
					: {};
		await tx
			.update(flags)
			.set({
				reviewStatus: to,
				...escalation,
				...followUp,
				reviewNote: decision.note || null,
				reviewedBy: reviewer.id,
				reviewedAt: now,
				reviewVersion: flag.reviewVersion + 1
			})
			.where(eq(flags.id, flagId));
		const { action, note, expectedVersion: _version, ...details } = decision;
		await tx.insert(reviewEvents).values({
			conversationId: flag.conversationId,
			flagId,
			questionId: flag.questionId,
			kind: 'decision',
			actorId: reviewer.id,
			actorName: reviewer.name,
			fromStatus: flag.reviewStatus,
			toStatus: to,
			note,
			// The assignee's name as it was, so the trail reads the same whatever happens later.
			details: { action, ...details, ...(assigneeName ? { assigneeName } : {}) },
			at: now
		});
		await markConversationChanged(tx, flag.conversationId, owner.userId);
	});
}

/**
 * Locks the flag's conversation, then the flag, for a decision made on review version
 * `expectedVersion`; refused as someone else's change when the flag has moved on since.
 */
export async function lockFlag(
	tx: Database,
	reviewer: Reviewer,
	flagId: string,
	expectedVersion: number
) {
	const owner = await visibleConversationOf(tx, reviewer, flagId, { lock: true });
	const [flag] = await tx.select().from(flags).where(eq(flags.id, flagId)).for('update');
	if (!flag) throw notFound('flag');
	if (flag.reviewVersion !== expectedVersion) throw await changedBySomeoneElse(tx, flagId);
	return { owner, flag };
}

export async function commentOnFlag(
	db: Database,
	reviewer: Reviewer,
	flagId: string,
	comment: string
): Promise<void> {
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		await visibleConversationOf(tx, reviewer, flagId);
		const [flag] = await tx.select().from(flags).where(eq(flags.id, flagId));
		if (!flag) throw notFound('flag');
		await tx.insert(reviewEvents).values({
			conversationId: flag.conversationId,
			flagId,
			questionId: flag.questionId,
			kind: 'comment',
			actorId: reviewer.id,
			actorName: reviewer.name,
			note: comment
		});
	});
}

function ukMoment(at: Date): string {
	const part = (options: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options }).format(at);
	return `${part({ hour: '2-digit', minute: '2-digit' })} on ${part({ day: 'numeric', month: 'long', year: 'numeric' })}`;
}

/** With `lock`, the conversation's row is locked, as every writer of it does first. */
async function visibleConversationOf(
	tx: Database,
	reviewer: Reviewer,
	flagId: string,
	{ lock = false } = {}
) {
	const query = tx
		.select({ userId: conversations.userId, teamId: conversations.teamId })
		.from(flags)
		.innerJoin(conversations, eq(conversations.id, flags.conversationId))
		.where(eq(flags.id, flagId));
	const [found] = lock ? await query.for('update', { of: conversations }) : await query;
	if (!found || !canReview(reviewer, found.teamId)) throw notFound('flag');
	return found;
}

async function changedBySomeoneElse(tx: Database, flagId: string): Promise<DomainError> {
	const [last] = await tx
		.select()
		.from(reviewEvents)
		.where(and(eq(reviewEvents.flagId, flagId), eq(reviewEvents.kind, 'decision')))
		.orderBy(desc(reviewEvents.id))
		.limit(1);
	const who = last
		? `${last.actorName} changed this flag at ${ukMoment(last.at)}`
		: 'Someone changed this flag';
	const what = last?.toStatus ? ` (it is now ${last.toStatus})` : '';
	return new DomainError(
		'CHANGED_BY_SOMEONE_ELSE',
		`${who}${what} while you were looking at it. Your change was not saved: check the flag as it is now and make your change again.`
	);
}

/** The follow-up a decision sets; the assignee must be an active member of the team. */
async function followUpOf(tx: Database, decision: FlagDecision, teamId: string | null, now: Date) {
	const none: { assigneeName?: string } = {};
	if (decision.action !== 'escalate' && decision.action !== 'follow-up') return none;
	const { assigneeId, followUpDue } = decision;
	if (assigneeId === null && followUpDue === null) return none;
	if (assigneeId === null || followUpDue === null) {
		throw new DomainError('INVALID_ARGS', 'Give both who will follow it up and when, or neither.');
	}
	if (followUpDue < todayInUk(now)) {
		throw new DomainError(
			'INVALID_ARGS',
			'The follow-up date must be today or later',
			'followUpDue-day'
		);
	}
	const [assignee] = await tx.select().from(users).where(eq(users.id, assigneeId));
	if (!assignee?.active || assignee.teamId !== teamId) {
		throw new DomainError('INVALID_ARGS', 'Choose someone in the team to follow it up.');
	}
	return { assigneeId, followUpDue, assigneeName: assignee.name };
}
