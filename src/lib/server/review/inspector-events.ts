/**
 * The inspector's side of the audit trail: each upload that raises, changes or withdraws a flag
 * adds one event per flag, so the trail holds what the inspector did beside what managers decided.
 * Amendments are recorded where they are accepted (amendments.ts).
 */
import { eq } from 'drizzle-orm';
import type { Conversation, Flag } from '$lib/domain/conversation/conversation.schema';
import { byQuestion, questionRowId, type ConversationId } from '$lib/domain/ids';
import type { Database } from '../db/database';
import { reviewEvents, users } from '../db/schema';
import type { StoredConversation } from '../conversations/rows';

type FlagEvent = {
	questionId: ReturnType<typeof byQuestion>[number][0];
	kind: 'flag-raised' | 'flag-changed' | 'flag-withdrawn';
	flag: Flag;
	was: Flag | undefined;
};

/** What the inspector did to the conversation's flags between `before` and `after`. */
export function flagEvents(before: Conversation | undefined, after: Conversation): FlagEvent[] {
	return byQuestion(after.flags).flatMap(([questionId, flag]): FlagEvent[] => {
		const was = before?.flags[questionId];
		if (flag.status === 'withdrawn') {
			return was?.status === 'withdrawn' ? [] : [{ questionId, kind: 'flag-withdrawn', flag, was }];
		}
		if (!was || was.status === 'withdrawn') {
			return [{ questionId, kind: 'flag-raised', flag, was }];
		}
		return was.severity !== flag.severity || was.reason !== flag.reason
			? [{ questionId, kind: 'flag-changed', flag, was }]
			: [];
	});
}

export async function recordInspectorFlagEvents(
	tx: Database,
	inspectorId: string,
	before: ReadonlyMap<ConversationId, StoredConversation>,
	after: ReadonlyMap<ConversationId, StoredConversation>,
	at: Date
): Promise<void> {
	const rows = [...after].flatMap(([id, stored]) =>
		stored === before.get(id)
			? []
			: flagEvents(before.get(id)?.conversation, stored.conversation).map((event) => ({
					conversationId: id,
					flagId: questionRowId(id, event.questionId),
					questionId: event.questionId,
					kind: event.kind,
					actorId: inspectorId,
					note:
						event.kind === 'flag-withdrawn'
							? (event.flag.withdrawnReason ?? '')
							: event.flag.reason,
					details: {
						severity: event.flag.severity,
						raisedBy: event.flag.raisedBy,
						...(event.kind === 'flag-changed' ? { wasSeverity: event.was!.severity } : {})
					},
					at
				}))
	);
	if (rows.length === 0) return;
	const [inspector] = await tx
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, inspectorId));
	const actorName = inspector?.name ?? 'Inspector';
	await tx.insert(reviewEvents).values(rows.map((row) => ({ ...row, actorName })));
}
