import { z } from 'zod';
import { locationSchema } from '../directory/location.schema';
import { questionSetRefSchema } from '../question-sets/question-set.schema';
import { answerSchema, conversationPatchSchema, flagSchema } from './conversation.schema';

/**
 * Named, intention-level changes to a conversation. Every change the inspector makes is one of
 * these; the device queues them and the server replays them. Changing the shape of `args` needs a
 * new `argsVersion`, never an edit in place, because queued changes outlive app versions.
 */
const conversationId = z.uuid();
const questionId = z.string().regex(/^[1-4]\.\d{1,2}$/);
/** The server version of the answer this change was based on; 0 when there was none. */
const baseVersion = z.number().int().nonnegative();

export const conversationStartSchema = z.object({
	name: z.literal('conversation.start'),
	argsVersion: z.literal(1),
	args: z.object({
		conversationId,
		location: locationSchema,
		questionSet: questionSetRefSchema,
		startedAt: z.iso.datetime()
	})
});

export const conversationUpdateSchema = z.object({
	name: z.literal('conversation.update'),
	argsVersion: z.literal(1),
	args: z.object({
		conversationId,
		patch: conversationPatchSchema.refine(
			(patch) => Object.keys(patch).length > 0,
			'Nothing to change'
		)
	})
});

export const answerSetSchema = z.object({
	name: z.literal('answer.set'),
	argsVersion: z.literal(1),
	args: z.object({ conversationId, questionId, answer: answerSchema, baseVersion })
});

/**
 * A change to an answer a manager sent back (`returnId`), allowed even after the conversation is
 * completed. The earlier answer stays in the server's history.
 */
export const answerAmendSchema = z.object({
	name: z.literal('answer.amend'),
	argsVersion: z.literal(1),
	args: z.object({
		conversationId,
		questionId,
		answer: answerSchema,
		baseVersion,
		returnId: z.uuid(),
		reply: z.string().max(2_000, 'Keep your reply under 2,000 characters')
	})
});

export const answerClearSchema = z.object({
	name: z.literal('answer.clear'),
	argsVersion: z.literal(1),
	args: z.object({ conversationId, questionId, baseVersion })
});

export const flagSetSchema = z.object({
	name: z.literal('flag.set'),
	argsVersion: z.literal(1),
	args: z.object({ conversationId, questionId, flag: flagSchema })
});

export const conversationCompleteSchema = z.object({
	name: z.literal('conversation.complete'),
	argsVersion: z.literal(1),
	args: z.object({ conversationId, completedAt: z.iso.datetime() })
});

export const mutationSchema = z.discriminatedUnion('name', [
	conversationStartSchema,
	conversationUpdateSchema,
	answerSetSchema,
	answerClearSchema,
	answerAmendSchema,
	flagSetSchema,
	conversationCompleteSchema
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationName = Mutation['name'];

/** A queued mutation as it travels: the device's sequence number and a global id. */
export const mutationEnvelopeSchema = z.object({
	seq: z.number().int().positive(),
	mutationId: z.uuid(),
	clientTime: z.iso.datetime()
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;
