import { z } from 'zod';
import { answerSchema, conversationSchema } from '../conversation/conversation.schema';
import { questionSetRefSchema, questionSetSchema } from '../question-sets/question-set.schema';
import { conversationReviewSchema } from '../review/flag-review.schema';

/**
 * The wire contract between a device and the server (docs/sync-protocol.md). A change in the
 * meaning of any field needs a new PROTOCOL_VERSION; the server answers 426 to versions it no
 * longer speaks, and the device keeps its outbox until it is updated.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_PUSH_BATCH = 100;
export const MAX_PULL_PAGE = 500;
/** The largest sync request the server reads; a device fills its batches to half of it. */
export const MAX_SYNC_BODY_BYTES = 1024 * 1024;
/** Deeper `args` cannot be a real change; refusing them keeps the server's stack safe. */
const MAX_ARGS_DEPTH = 16;

function depthWithin(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (depth > limit) return false;
		if (current && typeof current === 'object') {
			for (const child of Object.values(current)) stack.push([child, depth + 1]);
		}
	}
	return true;
}

/**
 * A queued change as uploaded. `name`, `argsVersion` and `args` are checked one change at a time
 * on the server, so one bad change is refused on its own and the rest of the queue goes on.
 */
export const pushedMutationSchema = z.object({
	seq: z.number().int().positive(),
	mutationId: z.uuid(),
	clientTime: z.iso.datetime(),
	name: z.string().min(1).max(100),
	argsVersion: z.number().int().positive(),
	args: z
		.record(z.string(), z.unknown())
		.refine((args) => depthWithin(args, MAX_ARGS_DEPTH), 'The change is nested too deeply')
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

/** The person whose database on the device the request comes from; must be the signed-in one. */
const userId = z.uuid();

export const pushRequestSchema = z.object({
	protocol: z.number().int(),
	appVersion: z.string().max(100),
	userId,
	deviceId: z.uuid(),
	/** The device's clock when it sent the request; with the server's clock it corrects clientTime. */
	sentAt: z.iso.datetime(),
	mutations: z
		.array(pushedMutationSchema)
		.min(1)
		.max(MAX_PUSH_BATCH)
		.refine(
			(list) => list.every((mutation, i) => i === 0 || mutation.seq === list[i - 1]!.seq + 1),
			'Send changes in order of their sequence numbers, without gaps'
		)
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationStatusSchema = z.enum(['applied', 'rejected', 'superseded']);
export type MutationStatus = z.infer<typeof mutationStatusSchema>;

export const mutationResultSchema = z.object({
	seq: z.number().int().positive(),
	mutationId: z.uuid(),
	status: mutationStatusSchema,
	/** Why a change was rejected or superseded. */
	code: z.string().optional(),
	message: z.string().optional()
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
	/** Everything up to here from this device has been processed. */
	lastSeq: z.number().int().nonnegative(),
	results: z.array(mutationResultSchema),
	/** True when the first change sent was not the next one the server expected. */
	gap: z.boolean(),
	serverTime: z.iso.datetime()
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
	protocol: z.number().int(),
	userId,
	deviceId: z.uuid(),
	cursor: z.number().int().nonnegative(),
	limit: z.number().int().min(1).max(MAX_PULL_PAGE).optional(),
	/** The question sets the device already holds. */
	questionSets: z.array(questionSetRefSchema).max(100)
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** A value of an answer that lost to another device's edit; kept and shown to its author. */
export const answerConflictSchema = z.object({
	mutationId: z.uuid(),
	deviceId: z.uuid(),
	questionId: z.string(),
	losingValue: answerSchema.nullable(),
	winningValue: answerSchema.nullable(),
	recordedAt: z.iso.datetime()
});
export type AnswerConflict = z.infer<typeof answerConflictSchema>;

export const serverConversationSchema = conversationSchema.extend({
	/** The owner's change counter at this conversation's last change. */
	version: z.number().int().positive(),
	/** Each answer's version: the base of the device's next edit of it. */
	answerVersions: z.record(z.string(), z.number().int().nonnegative()),
	conflicts: z.array(answerConflictSchema),
	/** Managers' decisions on its flags and the questions sent back to the inspector. */
	review: conversationReviewSchema.optional()
});
export type ServerConversation = z.infer<typeof serverConversationSchema>;

export const pullResponseSchema = z.object({
	conversations: z.array(serverConversationSchema),
	cursor: z.number().int().nonnegative(),
	hasMore: z.boolean(),
	/** This device's last processed change, read in the same snapshot as `conversations`. */
	lastSeq: z.number().int().nonnegative(),
	/** The device must drop what it holds from the server and pull again from cursor 0. */
	reset: z.boolean(),
	questionSets: z.array(questionSetSchema),
	serverTime: z.iso.datetime()
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
