/**
 * Applies one uploaded change inside the push transaction. The shared reducer decides whether the
 * change is allowed; this module decides who wins when two devices changed the same answer, and
 * writes the rows. A refusal (a DomainError) is permanent and is returned, never thrown; any other
 * error is thrown so that the whole batch rolls back and the device tries again.
 */
import { eq } from 'drizzle-orm';
import { applyMutation } from '$lib/domain/conversation/apply-mutation';
import {
	conversationFieldsSchema,
	type Answer,
	type Conversation,
	type Flag
} from '$lib/domain/conversation/conversation.schema';
import { mutationSchema, type Mutation } from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';
import type { MutationStatus, PushedMutation } from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { answerHistory, answers, conversations, flags } from '../db/schema';
import {
	answerFromRow,
	answerRowId,
	loadConversation,
	toConversation,
	type AnswerRow
} from '../repos/conversations.repo';
import { sameAnswer, writerWins } from './conflict-rule';
import { recordAmendment, requireReturn } from '../review/amendments';

/** A conversation as this batch has left it; undefined when it does not exist. */
export type LoadedConversation = { conversation: Conversation; answerRows: Map<string, AnswerRow> };

export type PushContext = {
	tx: Database;
	userId: string;
	teamId: string | null;
	deviceId: string;
	/** Conversations already read in this batch, by id; null when not this person's or absent. */
	cache: Map<string, LoadedConversation | null>;
	nextVersion: () => number;
};

export type AppliedOutcome = { status: MutationStatus; code?: string; message?: string };

export async function applyPushedMutation(
	context: PushContext,
	pushed: PushedMutation,
	hlc: Date
): Promise<AppliedOutcome> {
	const parsed = parseMutation(pushed);
	if ('status' in parsed) return parsed;
	const mutation = parsed.mutation;
	const { conversationId } = mutation.args;
	const loaded = await load(context, conversationId);
	try {
		if (mutation.name === 'conversation.start') {
			if (loaded !== null || (await loadConversation(context.tx, conversationId))) {
				throw new DomainError('ALREADY_EXISTS', 'This conversation has already been started.');
			}
		} else if (!loaded) {
			throw new DomainError('NOT_FOUND', 'This conversation does not exist.');
		}
		const questionSet = questionSetFor(
			mutation.name === 'conversation.start'
				? mutation.args.questionSet
				: loaded!.conversation.questionSet
		);
		// The conversation's last change time never goes back for a late-arriving older change.
		const at = laterOf(hlc, loaded?.conversation.updatedAt);
		if (mutation.name === 'answer.amend') await requireReturn(context, mutation);
		if (
			mutation.name === 'answer.set' ||
			mutation.name === 'answer.clear' ||
			mutation.name === 'answer.amend'
		) {
			return await writeAnswer(context, loaded!, mutation, questionSet, pushed.mutationId, {
				hlc,
				at
			});
		}
		const conversation = applyMutation({
			conversation: loaded?.conversation,
			mutation,
			questionSet,
			at
		});
		const version = await writeConversation(context, conversation, loaded === null);
		if (mutation.name === 'flag.set') {
			await writeFlag(context, conversation, mutation.args.questionId, mutation.args.flag, version);
		}
		context.cache.set(conversationId, {
			conversation,
			answerRows: loaded?.answerRows ?? new Map()
		});
		return { status: 'applied' };
	} catch (error) {
		if (error instanceof DomainError) {
			return { status: 'rejected', code: error.code, message: error.message };
		}
		throw error;
	}
}

const SEVERITY_RANK = { low: 1, medium: 2, high: 3 } as const;

function concernOf(questionSet: QuestionSet, questionId: string, answer: Answer | null) {
	const question = findQuestion(questionSet, questionId);
	return question && answer ? (findOption(question, answer.optionId)?.concern ?? null) : null;
}

function laterOf(hlc: Date, updatedAt: string | undefined): string {
	return updatedAt && Date.parse(updatedAt) > hlc.getTime() ? updatedAt : hlc.toISOString();
}

function parseMutation(pushed: PushedMutation): { mutation: Mutation } | AppliedOutcome {
	const known = mutationSchema.options.find((option) => option.shape.name.value === pushed.name);
	if (!known) {
		return {
			status: 'rejected',
			code: 'UNKNOWN_MUTATION',
			message: `"${pushed.name}" is not a change this server knows.`
		};
	}
	if (pushed.argsVersion !== 1) {
		return {
			status: 'rejected',
			code: 'UNSUPPORTED_ARGS_VERSION',
			message: `Version ${pushed.argsVersion} of "${pushed.name}" is not supported.`
		};
	}
	const parsed = mutationSchema.safeParse(pushed);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
		return {
			status: 'rejected',
			code: 'INVALID_ARGS',
			message: `${issue?.message ?? 'The change is not valid'}${where}`
		};
	}
	return { mutation: parsed.data };
}

function questionSetFor(ref: { id: string; version: number }): QuestionSet {
	const found = BUNDLED_QUESTION_SETS.find(
		(set) => set.id === ref.id && set.version === ref.version
	);
	if (!found) {
		throw new DomainError(
			'QUESTION_SET_MISMATCH',
			`Question set ${ref.id} version ${ref.version} does not exist.`
		);
	}
	return found;
}

async function load(context: PushContext, id: string): Promise<LoadedConversation | null> {
	if (context.cache.has(id)) return context.cache.get(id)!;
	const found = await loadConversation(context.tx, id);
	const loaded =
		found && found.row.userId === context.userId
			? {
					conversation: toConversation(found.row, found.answerRows, found.flagRows),
					answerRows: new Map(found.answerRows.map((row) => [row.questionId, row]))
				}
			: null;
	context.cache.set(id, loaded);
	return loaded;
}

/** Writes the conversation row with the next version of its owner's changes; returns it. */
async function writeConversation(
	context: PushContext,
	conversation: Conversation,
	isNew: boolean
): Promise<number> {
	const { id, status, location, questionSet, startedAt, updatedAt, completedAt } = conversation;
	const { answers: _answers, flags: _flags, ...rest } = conversation;
	const version = context.nextVersion();
	const fields = conversationFieldsSchema.parse(rest);
	const row = {
		status,
		fields,
		outcome: fields.outcome.decision,
		urgent: fields.escalation.urgent,
		updatedAt: new Date(updatedAt),
		completedAt: completedAt ? new Date(completedAt) : null,
		version
	};
	if (isNew) {
		await context.tx.insert(conversations).values({
			...row,
			id,
			userId: context.userId,
			teamId: context.teamId,
			locationId: location.locationId,
			location,
			locationName: location.name,
			postcode: location.postcode,
			sector: location.sector,
			region: location.region,
			questionSetId: questionSet.id,
			questionSetVersion: questionSet.version,
			startedAt: new Date(startedAt)
		});
	} else {
		await context.tx.update(conversations).set(row).where(eq(conversations.id, id));
	}
	return version;
}

async function writeFlag(
	context: PushContext,
	conversation: Conversation,
	questionId: string,
	flag: Flag,
	version: number
) {
	const at = new Date(conversation.updatedAt);
	const values = {
		severity: flag.severity,
		reason: flag.reason,
		raisedBy: flag.raisedBy,
		status: flag.status,
		withdrawnReason: flag.withdrawnReason ?? null,
		severityRank: SEVERITY_RANK[flag.severity],
		updatedAt: at,
		version
	};
	await context.tx
		.insert(flags)
		.values({
			...values,
			id: answerRowId(conversation.id, questionId),
			conversationId: conversation.id,
			questionId,
			area: Number(questionId.split('.')[0]),
			raisedAt: at
		})
		.onConflictDoUpdate({ target: flags.id, set: values });
}

/**
 * Sets or clears an answer. When another device changed it after the version this change was
 * based on, the later writer wins (see conflict-rule.ts) and the losing value goes into the
 * history as superseded, to be shown to the device that wrote it.
 */
async function writeAnswer(
	context: PushContext,
	loaded: LoadedConversation,
	mutation: Extract<Mutation, { name: 'answer.set' | 'answer.clear' | 'answer.amend' }>,
	questionSet: QuestionSet,
	mutationId: string,
	{ hlc, at }: { hlc: Date; at: string }
): Promise<AppliedOutcome> {
	const { conversationId, questionId, baseVersion } = mutation.args;
	const changed = applyMutation({
		conversation: loaded.conversation,
		mutation,
		questionSet,
		at
	});
	const incoming: Answer | null = mutation.name === 'answer.clear' ? null : mutation.args.answer;
	const current = loaded.answerRows.get(questionId);
	const currentValue = current ? answerFromRow(current) : null;
	const stale =
		current !== undefined &&
		current.version !== baseVersion &&
		current.updatedByDevice !== context.deviceId &&
		!sameAnswer(currentValue, incoming);
	const answerId = answerRowId(conversationId, questionId);
	const history = { answerId, conversationId, questionId };
	const incomingWins =
		!stale ||
		writerWins(
			{ hlc, deviceId: context.deviceId },
			{ hlc: current.hlc, deviceId: current.updatedByDevice }
		);
	if (!incomingWins) {
		const version = await writeConversation(context, loaded.conversation, false);
		await context.tx.insert(answerHistory).values({
			...history,
			version,
			value: incoming,
			winningValue: currentValue,
			outcome: 'superseded',
			mutationId,
			deviceId: context.deviceId
		});
		return {
			status: 'superseded',
			code: 'CHANGED_ON_ANOTHER_DEVICE',
			message: `Question ${questionId} was changed on another device after this change was made.`
		};
	}
	const version = await writeConversation(context, changed, false);
	if (stale) {
		await context.tx.insert(answerHistory).values({
			...history,
			version,
			value: currentValue,
			winningValue: incoming,
			outcome: 'superseded',
			mutationId: current.updatedByMutation,
			deviceId: current.updatedByDevice
		});
	}
	const row: AnswerRow = {
		id: answerId,
		conversationId,
		questionId,
		optionId: incoming?.optionId ?? null,
		notes: incoming?.notes ?? '',
		evidence: incoming?.evidence ?? [],
		deleted: incoming === null,
		concern: concernOf(questionSet, questionId, incoming),
		version,
		hlc,
		updatedByDevice: context.deviceId,
		updatedByMutation: mutationId,
		updatedAt: new Date()
	};
	await context.tx.insert(answers).values(row).onConflictDoUpdate({ target: answers.id, set: row });
	await context.tx.insert(answerHistory).values({
		...history,
		version,
		value: incoming,
		outcome: 'applied',
		mutationId,
		deviceId: context.deviceId
	});
	if (mutation.name === 'answer.amend') {
		await recordAmendment(context, mutation, mutationId);
		const raised = changed.flags[questionId];
		if (raised && raised !== loaded.conversation.flags[questionId]) {
			await writeFlag(context, changed, questionId, raised, version);
		}
	}
	const answerRows = new Map(loaded.answerRows).set(questionId, row);
	context.cache.set(conversationId, { conversation: changed, answerRows });
	return { status: 'applied' };
}
