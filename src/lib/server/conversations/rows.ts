/**
 * The only code that knows how a conversation is laid out in rows: composite ids, the columns
 * copied out of the document for the review queue (location, outcome, urgency, each answer's
 * concern, each flag's area and severity rank) and the tombstone of a cleared answer. `toRows`
 * and `fromRows` are pure and inverse: fromRows(toRows(c)) equals c.
 */
import {
	conversationFieldsSchema,
	type Answer,
	type Conversation,
	type Flag,
	type Severity
} from '$lib/domain/conversation/conversation.schema';
import { byQuestion, questionRowId, type ConversationId, type QuestionId } from '$lib/domain/ids';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';
import type { answerHistory, answers, conversations, flags } from '../db/schema';

/** A conversation's row as the document lays it out; what managers and the store add is not here. */
export type ConversationRow = Omit<
	typeof conversations.$inferSelect,
	'attentionAt' | 'reviewedAt' | 'reviewedBy' | 'reviewNote'
>;
export type AnswerRow = typeof answers.$inferSelect;
/** A flag's row as the inspector's uploads write it; the manager's review columns are not here. */
export type FlagRow = Omit<
	typeof flags.$inferSelect,
	| 'reviewStatus'
	| 'escalatedTo'
	| 'urgency'
	| 'assigneeId'
	| 'followUpDue'
	| 'reviewNote'
	| 'reviewedBy'
	| 'reviewedAt'
	| 'reviewVersion'
	| 'severityConfirmedAt'
>;
export type HistoryRow = Omit<typeof answerHistory.$inferInsert, 'id' | 'recordedAt'>;
export type ConversationRows = {
	conversation: ConversationRow;
	answers: AnswerRow[];
	flags: FlagRow[];
};

/** Who last wrote an answer (a cleared one included) and with which of the owner's versions. */
export type AnswerStamp = {
	version: number;
	/** The writer's clock, corrected to the server's: decides conflicts (conflict-rule.ts). */
	writtenAt: Date;
	deviceId: string;
	mutationId: string;
	/** The server's clock when it was written. */
	recordedAt: Date;
};
export type FlagStamp = { version: number; raisedAt: Date; updatedAt: Date };

/** A conversation as the server keeps it: the document and what only the server knows of it. */
export type StoredConversation = {
	conversation: Conversation;
	ownerId: string;
	teamId: string | null;
	/** False when the location is not the directory's (see sync/directory-location.ts). */
	locationListed: boolean;
	/** The owner's change counter at the conversation's last change. */
	version: number;
	/** By question id; a cleared answer keeps its stamp (its row is a tombstone). */
	answers: Record<string, AnswerStamp>;
	flags: Record<string, FlagStamp>;
};

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

export const areaOf = (questionId: QuestionId): number => Number(questionId.split('.')[0]);

export function concernOf(
	conversation: Conversation,
	questionId: QuestionId,
	answer: Answer | undefined
) {
	const { id, version } = conversation.questionSet;
	const set = BUNDLED_QUESTION_SETS.find((s) => s.id === id && s.version === version);
	const question = set && findQuestion(set, questionId);
	return (question && answer && findOption(question, answer.optionId)?.concern) ?? null;
}

export function toRows(stored: StoredConversation): ConversationRows {
	const { conversation: c } = stored;
	const { answers: _answers, flags: _flags, ...document } = c;
	const fields = conversationFieldsSchema.parse(document);
	for (const questionId of Object.keys(c.answers)) stamped(stored.answers, questionId);
	return {
		conversation: {
			id: c.id,
			userId: stored.ownerId,
			teamId: stored.teamId,
			locationId: c.location.locationId,
			location: c.location,
			locationListed: stored.locationListed,
			questionSetId: c.questionSet.id,
			questionSetVersion: c.questionSet.version,
			status: c.status,
			fields,
			startedAt: new Date(c.startedAt),
			updatedAt: new Date(c.updatedAt),
			completedAt: c.completedAt === null ? null : new Date(c.completedAt),
			version: stored.version,
			locationName: c.location.name,
			postcode: c.location.postcode,
			sector: c.location.sector,
			region: c.location.region,
			outcome: fields.outcome.decision,
			urgent: fields.escalation.urgent === true
		},
		answers: byQuestion(stored.answers).map(([questionId, stamp]) =>
			answerRow(c, questionId, stamp)
		),
		flags: byQuestion(c.flags).map(([questionId, flag]) =>
			flagRow(c.id, questionId, flag, stamped(stored.flags, questionId))
		)
	};
}

function stamped<T>(stamps: Record<string, T>, questionId: string): T {
	const stamp = stamps[questionId];
	// Every answer and flag is stamped when it is written (changes.ts); a missing one is a bug.
	if (!stamp) throw new Error(`Question ${questionId} has no stamp`);
	return stamp;
}

function answerRow(c: Conversation, questionId: QuestionId, stamp: AnswerStamp): AnswerRow {
	const answer = c.answers[questionId];
	return {
		id: questionRowId(c.id, questionId),
		conversationId: c.id,
		questionId,
		optionId: answer?.optionId ?? null,
		notes: answer?.notes ?? '',
		evidence: answer?.evidence ?? [],
		deleted: answer === undefined,
		concern: concernOf(c, questionId, answer),
		version: stamp.version,
		writtenAt: stamp.writtenAt,
		updatedByDevice: stamp.deviceId,
		updatedByMutation: stamp.mutationId,
		updatedAt: stamp.recordedAt
	};
}

function flagRow(
	conversationId: ConversationId,
	questionId: QuestionId,
	flag: Flag,
	stamp: FlagStamp
) {
	return {
		id: questionRowId(conversationId, questionId),
		conversationId,
		questionId,
		area: areaOf(questionId),
		severity: flag.severity,
		reason: flag.reason,
		raisedBy: flag.raisedBy,
		status: flag.status,
		withdrawnReason: flag.withdrawnReason ?? null,
		raisedAt: stamp.raisedAt,
		updatedAt: stamp.updatedAt,
		version: stamp.version,
		severityRank: SEVERITY_RANK[flag.severity]
	} satisfies FlagRow;
}

export function answerOf(row: AnswerRow): Answer | null {
	if (row.deleted) return null;
	return { optionId: row.optionId, notes: row.notes, evidence: row.evidence as Answer['evidence'] };
}

export function flagOf(row: FlagRow): Flag {
	return {
		severity: row.severity,
		reason: row.reason,
		raisedBy: row.raisedBy,
		status: row.status,
		...(row.withdrawnReason === null ? {} : { withdrawnReason: row.withdrawnReason })
	};
}

export function fromRows(rows: ConversationRows): StoredConversation {
	const { conversation: row } = rows;
	const answered: Record<string, Answer> = {};
	const answerStamps: Record<string, AnswerStamp> = {};
	for (const answerRow of rows.answers) {
		const answer = answerOf(answerRow);
		if (answer) answered[answerRow.questionId] = answer;
		answerStamps[answerRow.questionId] = {
			version: answerRow.version,
			writtenAt: answerRow.writtenAt,
			deviceId: answerRow.updatedByDevice,
			mutationId: answerRow.updatedByMutation,
			recordedAt: answerRow.updatedAt
		};
	}
	return {
		conversation: {
			id: row.id,
			status: row.status,
			location: row.location,
			questionSet: { id: row.questionSetId, version: row.questionSetVersion },
			startedAt: row.startedAt.toISOString(),
			updatedAt: row.updatedAt.toISOString(),
			completedAt: row.completedAt?.toISOString() ?? null,
			...row.fields,
			answers: answered,
			flags: Object.fromEntries(rows.flags.map((flag) => [flag.questionId, flagOf(flag)]))
		},
		ownerId: row.userId,
		teamId: row.teamId,
		locationListed: row.locationListed,
		version: row.version,
		answers: answerStamps,
		flags: Object.fromEntries(
			rows.flags.map((flag) => [
				flag.questionId,
				{ version: flag.version, raisedAt: flag.raisedAt, updatedAt: flag.updatedAt }
			])
		)
	};
}
