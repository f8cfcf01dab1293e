/**
 * A manager weighs a flag's severity against an amended answer: the flag was raised on the answer
 * the amendment replaced. Confirming keeps the severity; changing it changes the inspector's flag
 * through the conversation store, so the owner's devices receive it like any other change. Either
 * way it is recorded in the audit trail with the answers before and after.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Conversation, Severity } from '$lib/domain/conversation/conversation.schema';
import { DomainError } from '$lib/domain/errors';
import { amendmentAwaitingSeverity } from '$lib/domain/review/amended-answer';
import type { SeverityConfirmation } from '$lib/domain/review/flag-review.schema';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';
import type { Database } from '../db/database';
import { flags, questionReturns, reviewEvents } from '../db/schema';
import { stamped } from '../conversations/changes';
import type { StoredConversation } from '../conversations/rows';
import { load, save } from '../conversations/store';
import { takeVersions } from '../sync/change-counter';
import { lockFlag } from './flag-decisions';
import type { Reviewer } from './review-scope';

export async function confirmSeverity(
	db: Database,
	reviewer: Reviewer,
	flagId: string,
	{ severity, expectedVersion }: SeverityConfirmation,
	now = new Date()
): Promise<void> {
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const { owner, flag } = await lockFlag(tx, reviewer, flagId, expectedVersion);
		const before = (await load(tx, [flag.conversationId])).get(flag.conversationId)!;
		const { conversation } = before;
		const returns = await tx
			.select()
			.from(questionReturns)
			.where(eq(questionReturns.conversationId, flag.conversationId));
		const amendment = amendmentAwaitingSeverity(
			returns,
			flag.questionId,
			conversation.answers[flag.questionId]?.optionId ?? null,
			flag.severityConfirmedAt
		);
		if (!amendment) {
			throw new DomainError(
				'INVALID_ARGS',
				'The answer has not been amended since the severity was last confirmed.',
				'severity'
			);
		}
		if (severity !== flag.severity) {
			await changeSeverity(tx, before, flag.questionId, severity, owner.userId, now);
		}
		await tx
			.update(flags)
			.set({ severityConfirmedAt: now, reviewVersion: flag.reviewVersion + 1 })
			.where(eq(flags.id, flagId));
		await tx.insert(reviewEvents).values({
			conversationId: flag.conversationId,
			flagId,
			questionId: flag.questionId,
			kind: 'severity-confirmed',
			actorId: reviewer.id,
			actorName: reviewer.name,
			details: {
				wasSeverity: flag.severity,
				severity,
				amendedFrom: optionLabel(conversation, flag.questionId, amendment.originalOptionId),
				amendedTo: optionLabel(
					conversation,
					flag.questionId,
					conversation.answers[flag.questionId]?.optionId ?? null
				)
			},
			at: now
		});
	});
}

/** The option's label as it reads today, kept in the trail so it reads the same for ever. */
function optionLabel(conversation: Conversation, questionId: string, optionId: string | null) {
	const { id, version } = conversation.questionSet;
	const set = BUNDLED_QUESTION_SETS.find((s) => s.id === id && s.version === version);
	const question = set && findQuestion(set, questionId);
	return (question && findOption(question, optionId)?.label) ?? 'no answer';
}

async function changeSeverity(
	tx: Database,
	before: StoredConversation,
	questionId: typeof flags.$inferSelect.questionId,
	severity: Severity,
	ownerId: string,
	now: Date
) {
	const { conversation } = before;
	const conversationId = conversation.id;
	const after = {
		...conversation,
		updatedAt: now.toISOString(),
		flags: { ...conversation.flags, [questionId]: { ...conversation.flags[questionId]!, severity } }
	};
	const version = await takeVersions(tx, ownerId, 1);
	const { stored } = stamped(before, after, {
		version,
		writtenAt: now,
		deviceId: 'server',
		mutationId: randomUUID(),
		at: now
	});
	await save(tx, new Map([[conversationId, before]]), new Map([[conversationId, stored]]), []);
}
