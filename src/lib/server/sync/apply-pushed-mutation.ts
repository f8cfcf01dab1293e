/**
 * Applies one uploaded change to the batch's conversations in memory, inside the push
 * transaction: parse it, decide an answer conflict (conflict-rule.ts), run the shared reducer,
 * stamp what it changed. Nothing is written here but the few rows some changes own (a start's
 * directory lookup, an amendment's return); push.ts saves the batch through the store at the end.
 * A refusal (a DomainError) is permanent and is returned, never thrown; any other error is thrown
 * so that the whole batch rolls back and the device tries again.
 */
import type { ConversationId } from '$lib/domain/ids';
import { applyMutation } from '$lib/domain/conversation/apply-mutation';
import { upgradeChange } from '$lib/domain/conversation/mutation-upgrades';
import {
	answerWritten,
	baseVersionSchema,
	CURRENT_ARGS_VERSION,
	mutationSchema,
	type Mutation,
	type MutationName
} from '$lib/domain/conversation/mutation.schema';
import { DomainError } from '$lib/domain/errors';
import { NUL_MESSAGE, SURROGATE_MESSAGE, unstorableTextIn } from '$lib/domain/text';
import { timestampSchema } from '$lib/domain/timestamp';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import type { MutationResult, PushedMutation } from '$lib/domain/sync/sync-protocol.schema';
import type { Database } from '../db/database';
import { historyRow, stamped, unstarted } from '../conversations/changes';
import type { HistoryRow, StoredConversation } from '../conversations/rows';
import { recordAmendment, requireReturn } from '../review/amendments';
import { answerConflict, answerWriteOf } from './conflict-rule';
import { startLocation } from './directory-location';

/** One upload's conversations as its changes leave them, and the history they append. */
export type Batch = {
	tx: Database;
	userId: string;
	teamId: string | null;
	deviceId: string;
	now: Date;
	/** Every conversation the batch names that exists, whoever owns it; updated as changes apply. */
	conversations: Map<ConversationId, StoredConversation>;
	history: HistoryRow[];
	nextVersion: () => number;
};

export type AppliedOutcome = Omit<MutationResult, 'seq' | 'mutationId'>;

type Prepared = { mutation: Mutation; locationListed: boolean };
type Hook<R> = (
	batch: Batch,
	mutation: Mutation,
	mutationId: string,
	before: StoredConversation | undefined
) => Promise<R>;

/** What a few changes need from the database before the reducer runs. */
const BEFORE: Partial<Record<MutationName, Hook<Prepared>>> = {
	'conversation.start': async (batch, mutation) => {
		const start = mutation as Extract<Mutation, { name: 'conversation.start' }>;
		// Someone else's conversation with this id exists too: the reducer only sees this person's.
		if (batch.conversations.has(start.args.conversationId)) {
			throw new DomainError('ALREADY_EXISTS', 'This conversation has already been started.');
		}
		const { location, listed } = await startLocation(batch.tx, start.args.location);
		return { mutation: { ...start, args: { ...start.args, location } }, locationListed: listed };
	},
	'answer.amend': async (batch, mutation) => {
		await requireReturn(batch, mutation as Extract<Mutation, { name: 'answer.amend' }>);
		return { mutation, locationListed: true };
	}
};

/** What a few changes write besides the conversation once they are applied. */
const AFTER: Partial<Record<MutationName, Hook<void>>> = {
	'answer.amend': (batch, mutation, mutationId, before) =>
		recordAmendment(
			batch,
			mutation as Extract<Mutation, { name: 'answer.amend' }>,
			mutationId,
			before
		)
};

export async function applyPushedMutation(
	batch: Batch,
	pushed: PushedMutation,
	writtenAt: Date
): Promise<AppliedOutcome> {
	const parsed = parseMutation(pushed);
	if ('status' in parsed) return parsed;
	const { baseVersion } = parsed;
	try {
		const { conversationId } = parsed.mutation.args;
		const found = batch.conversations.get(conversationId);
		const stored = found?.ownerId === batch.userId ? found : undefined;
		const questionSet = questionSetFor(
			stored?.conversation.questionSet ??
				('questionSet' in parsed.mutation.args ? parsed.mutation.args.questionSet : undefined)
		);
		const { mutation, locationListed } = (await BEFORE[parsed.mutation.name]?.(
			batch,
			parsed.mutation,
			pushed.mutationId,
			stored
		)) ?? { mutation: parsed.mutation, locationListed: true };
		// The conversation's last change time never goes back for a late-arriving older change.
		const at = laterOf(writtenAt, stored?.conversation.updatedAt);
		const changed = applyMutation({
			conversation: stored?.conversation,
			mutation,
			questionSet,
			at
		});
		const write = answerWriteOf(mutation, baseVersion);
		const writer = { writtenAt, deviceId: batch.deviceId };
		const conflict = stored && write ? answerConflict(stored, write, writer) : 'none';
		const version = batch.nextVersion();
		const { mutationId } = pushed;
		const { deviceId } = batch;
		if (conflict === 'loses') {
			const current = stored!.conversation.answers[write!.questionId] ?? null;
			batch.history.push(
				historyRow(conversationId, write!.questionId, {
					version,
					value: write!.value,
					winningValue: current,
					outcome: 'superseded',
					mutationId,
					deviceId
				})
			);
			// The conversation keeps its answer and gets a new version, so the loser pulls the conflict.
			batch.conversations.set(conversationId, { ...stored!, version });
			return {
				status: 'superseded',
				code: 'CHANGED_ON_ANOTHER_DEVICE',
				message: `Question ${write!.questionId} was changed on another device after this change was made.`
			};
		}
		if (conflict === 'wins') {
			const stamp = stored!.answers[write!.questionId]!;
			batch.history.push(
				historyRow(conversationId, write!.questionId, {
					version,
					value: stored!.conversation.answers[write!.questionId] ?? null,
					winningValue: write!.value,
					outcome: 'superseded',
					mutationId: stamp.mutationId,
					deviceId: stamp.deviceId
				})
			);
		}
		const base =
			stored ?? unstarted(changed, { ownerId: batch.userId, teamId: batch.teamId, locationListed });
		const next = stamped(
			base,
			changed,
			{ version, writtenAt, deviceId, mutationId, at: batch.now },
			write?.questionId
		);
		batch.history.push(...next.history);
		batch.conversations.set(conversationId, next.stored);
		await AFTER[mutation.name]?.(batch, mutation, mutationId, stored);
		return { status: 'applied' };
	} catch (error) {
		if (error instanceof DomainError) {
			return { status: 'rejected', code: error.code, message: error.message };
		}
		throw error;
	}
}

function laterOf(writtenAt: Date, updatedAt: string | undefined): string {
	return updatedAt && Date.parse(updatedAt) > writtenAt.getTime()
		? updatedAt
		: writtenAt.toISOString();
}

type Parsed = { mutation: Mutation; baseVersion: number };

/** The change in its current shape (an older args version upgraded), or why it is refused. */
function parseMutation(pushed: PushedMutation): Parsed | AppliedOutcome {
	const clientTime = timestampSchema.safeParse(pushed.clientTime);
	if (!clientTime.success) {
		return invalid({ message: clientTime.error.issues[0]!.message, path: ['clientTime'] });
	}
	const unstorable = unstorableTextIn({ name: pushed.name, args: pushed.args });
	if (unstorable) {
		return invalid({
			message: unstorable === 'nul' ? NUL_MESSAGE : SURROGATE_MESSAGE,
			path: unstorableTextIn(pushed.name) ? ['name'] : ['args']
		});
	}
	if (!Object.hasOwn(CURRENT_ARGS_VERSION, pushed.name)) {
		return {
			status: 'rejected',
			code: 'UNKNOWN_MUTATION',
			message: `"${pushed.name}" is not a change this server knows.`
		};
	}
	const change = upgradeChange(pushed);
	if (change.argsVersion !== CURRENT_ARGS_VERSION[pushed.name as MutationName]) {
		return {
			status: 'rejected',
			code: 'UNSUPPORTED_ARGS_VERSION',
			message: `Version ${pushed.argsVersion} of "${pushed.name}" is not supported.`
		};
	}
	const parsed = mutationSchema.safeParse(change);
	if (!parsed.success) return invalid(parsed.error.issues[0]);
	if (!answerWritten(parsed.data)) return { mutation: parsed.data, baseVersion: 0 };
	const baseVersion = baseVersionSchema.safeParse(change.baseVersion);
	if (!baseVersion.success) {
		const issue = baseVersion.error.issues[0];
		return invalid(issue && { ...issue, path: ['baseVersion'] });
	}
	return { mutation: parsed.data, baseVersion: baseVersion.data };
}

function invalid(issue: { message: string; path: PropertyKey[] } | undefined): AppliedOutcome {
	const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
	return {
		status: 'rejected',
		code: 'INVALID_ARGS',
		message: `${issue?.message ?? 'The change is not valid'}${where}`
	};
}

function questionSetFor(ref: { id: string; version: number } | undefined): QuestionSet {
	if (!ref) throw new DomainError('NOT_FOUND', 'This conversation does not exist.');
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
