/**
 * What one accepted change leaves in the store, worked out in memory: every answer and flag it
 * changed gets the change's stamp, and every value written to an answer is appended to its
 * history, so nothing an inspector recorded is ever lost. Pure; `save` (store.ts) writes it.
 */
import { byQuestion, questionRowId, type ConversationId, type QuestionId } from '$lib/domain/ids';
import type { Answer, Conversation, Flag } from '$lib/domain/conversation/conversation.schema';
import type { HistoryRow, StoredConversation } from './rows';

export type ChangeStamp = {
	/** The owner's next change number. */
	version: number;
	/** The writer's corrected clock (see sync/conflict-rule.ts). */
	writtenAt: Date;
	deviceId: string;
	mutationId: string;
	/** The server's clock. */
	at: Date;
};

export type Owner = { ownerId: string; teamId: string | null; locationListed: boolean };

/** A conversation that does not exist yet, to start from. */
export function unstarted(conversation: Conversation, owner: Owner): StoredConversation {
	return {
		...owner,
		conversation: { ...conversation, answers: {}, flags: {} },
		version: 0,
		answers: {},
		flags: {}
	};
}

/**
 * `before` with its document replaced by `after`. `written` is the question an answer change
 * wrote: it is stamped and recorded even when its value did not change, as the device sent it.
 */
export function stamped(
	before: StoredConversation,
	after: Conversation,
	stamp: ChangeStamp,
	written?: QuestionId
): { stored: StoredConversation; history: HistoryRow[] } {
	const history: HistoryRow[] = [];
	const answers = { ...before.answers };
	const questions = new Set([
		...byQuestion(before.conversation.answers).map(([questionId]) => questionId),
		...byQuestion(after.answers).map(([questionId]) => questionId)
	]);
	if (written) questions.add(written);
	for (const questionId of questions) {
		const value = after.answers[questionId] ?? null;
		if (
			questionId !== written &&
			sameAnswer(before.conversation.answers[questionId] ?? null, value)
		) {
			continue;
		}
		const { version, writtenAt, deviceId, mutationId, at } = stamp;
		answers[questionId] = { version, writtenAt, deviceId, mutationId, recordedAt: at };
		history.push(
			historyRow(after.id, questionId, { version, value, outcome: 'applied', mutationId, deviceId })
		);
	}
	const flags = { ...before.flags };
	for (const [questionId, flag] of Object.entries(after.flags)) {
		if (sameFlag(before.conversation.flags[questionId], flag)) continue;
		const updatedAt = new Date(after.updatedAt);
		const raisedAt = before.flags[questionId]?.raisedAt ?? updatedAt;
		flags[questionId] = { version: stamp.version, raisedAt, updatedAt };
	}
	return {
		stored: { ...before, conversation: after, version: stamp.version, answers, flags },
		history
	};
}

/** The row of one value in an answer's history. */
export function historyRow(
	conversationId: ConversationId,
	questionId: QuestionId,
	entry: Omit<HistoryRow, 'answerId' | 'conversationId' | 'questionId'>
): HistoryRow {
	return {
		answerId: questionRowId(conversationId, questionId),
		conversationId,
		questionId,
		...entry
	};
}

export function sameAnswer(a: Answer | null, b: Answer | null): boolean {
	if (a === null || b === null) return a === b;
	return (
		a.optionId === b.optionId &&
		a.notes === b.notes &&
		a.evidence.length === b.evidence.length &&
		a.evidence.every((item, i) => item === b.evidence[i])
	);
}

function sameFlag(a: Flag | undefined, b: Flag): boolean {
	return (
		a !== undefined &&
		a.severity === b.severity &&
		a.reason === b.reason &&
		a.raisedBy === b.raisedBy &&
		a.status === b.status &&
		(a.withdrawnReason ?? null) === (b.withdrawnReason ?? null)
	);
}

/**
 * A batch applies its changes before it takes the owner's change numbers (sync/change-counter.ts
 * takes them last), so it stamps provisional numbers meanwhile: -k is the batch's k-th change.
 * This gives the k-th its real number, `first + k - 1`, and keeps every other stamp as it is
 * (the same object, so `save` still sees it unchanged).
 */
export function settled(stored: StoredConversation, first: number): StoredConversation {
	const real = <T extends { version: number }>(stamp: T): T =>
		stamp.version < 0 ? { ...stamp, version: settledVersion(stamp.version, first) } : stamp;
	const each = <T extends { version: number }>(stamps: Record<string, T>) =>
		Object.fromEntries(Object.entries(stamps).map(([id, stamp]) => [id, real(stamp)]));
	return { ...real(stored), answers: each(stored.answers), flags: each(stored.flags) };
}

export function settledVersion(version: number, first: number): number {
	return version < 0 ? first - 1 - version : version;
}
