import { z } from 'zod';
import { locationSchema } from '../directory/location.schema';
import { questionSetRefSchema } from '../question-sets/question-set.schema';
import { storable } from '../text';
import { timestampSchema } from '../timestamp';
import { answerSchema, conversationPatchSchema, flagSchema } from './conversation.schema';

/**
 * Named, intention-level changes to a conversation. Every change the inspector makes is one of
 * these; the device queues them and the server replays them. Changing the shape of `args` needs a
 * new `argsVersion`, never an edit in place, because queued changes outlive app versions.
 */
const conversationId = z.uuid().meta({ description: 'The conversation, named by the device.' });
const questionId = z
	.string()
	.regex(/^[1-4]\.\d{1,2}$/)
	.meta({ description: 'The question, such as "1.2"; the first part is the area.' });
const baseVersion = z.number().int().nonnegative().meta({
	description:
		"The answer's version (answerVersions in a pull) this change was based on; 0 when there was none. It decides conflicts."
});

export const conversationStartSchema = z
	.object({
		name: z.literal('conversation.start'),
		argsVersion: z.literal(1),
		args: z.object({
			conversationId,
			location: locationSchema,
			questionSet: questionSetRefSchema,
			startedAt: timestampSchema
		})
	})
	.meta({
		description: 'Starts a conversation with a location, pinning the question set version.'
	});

export const conversationUpdateSchema = z
	.object({
		name: z.literal('conversation.update'),
		argsVersion: z.literal(1),
		args: z.object({
			conversationId,
			patch: conversationPatchSchema.refine(
				(patch) => Object.keys(patch).length > 0,
				'Nothing to change'
			)
		})
	})
	.meta({
		description:
			"Changes one or more of the conversation's fields: call details, risks, good practice, support, escalation, outcome."
	});

export const answerSetSchema = z
	.object({
		name: z.literal('answer.set'),
		argsVersion: z.literal(1),
		args: z.object({ conversationId, questionId, answer: answerSchema, baseVersion })
	})
	.meta({
		description:
			"Sets a question's answer, by the conflict rule; a newly chosen concern option also raises its flag."
	});

export const answerAmendSchema = z
	.object({
		name: z.literal('answer.amend'),
		argsVersion: z.literal(1),
		args: z.object({
			conversationId,
			questionId,
			answer: answerSchema,
			baseVersion,
			returnId: z.uuid(),
			reply: storable(z.string().max(2_000, 'Keep your reply under 2,000 characters'))
		})
	})
	.meta({
		description:
			'Changes an answer a manager sent back (returnId), even after the conversation is completed, and replies to them.'
	});

export const answerClearSchema = z
	.object({
		name: z.literal('answer.clear'),
		argsVersion: z.literal(1),
		args: z.object({ conversationId, questionId, baseVersion })
	})
	.meta({ description: "Clears a question's answer, by the conflict rule." });

export const flagSetSchema = z
	.object({
		name: z.literal('flag.set'),
		argsVersion: z.literal(1),
		args: z.object({ conversationId, questionId, flag: flagSchema })
	})
	.meta({ description: "Raises, changes or withdraws a question's risk flag." });

export const conversationCompleteSchema = z
	.object({
		name: z.literal('conversation.complete'),
		argsVersion: z.literal(1),
		args: z.object({ conversationId, completedAt: timestampSchema })
	})
	.meta({
		description:
			'Completes the conversation; refused while something required is missing. No change but answer.amend is accepted after it.'
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
	clientTime: timestampSchema
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;
