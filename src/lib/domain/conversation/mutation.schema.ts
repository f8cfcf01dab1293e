import { z } from 'zod';
import { conversationIdSchema, questionIdSchema, type QuestionId } from '../ids';
import { locationSchema } from '../directory/location.schema';
import { questionSetRefSchema } from '../question-sets/question-set.schema';
import { storable } from '../text';
import { timestampSchema } from '../timestamp';
import {
	answerSchema,
	conversationPatchSchema,
	flagSchema,
	type Answer
} from './conversation.schema';

/**
 * Named, intention-level changes to a conversation. Every change the inspector makes is one of
 * these; the device queues them and the server replays them. Changing the shape of `args` needs a
 * new `argsVersion`, never an edit in place, because queued changes outlive app versions.
 */
const conversationId = conversationIdSchema;
const questionId = questionIdSchema;

/** Carried by the envelope of the changes that write an answer, never built by a form. */
export const baseVersionSchema = z.number().int().nonnegative().meta({
	description:
		"For the changes that write an answer: the answer's version (answerVersions in a pull) this change was based on; 0 when there was none. It decides conflicts."
});
const answerArgsVersion = z.literal(2).meta({
	description: 'Version 1 carried baseVersion inside args; servers still accept it.'
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
		argsVersion: answerArgsVersion,
		args: z.object({ conversationId, questionId, answer: answerSchema })
	})
	.meta({
		description:
			"Sets a question's answer, by the conflict rule; a newly chosen concern option also raises its flag."
	});

export const answerAmendSchema = z
	.object({
		name: z.literal('answer.amend'),
		argsVersion: answerArgsVersion,
		args: z.object({
			conversationId,
			questionId,
			answer: answerSchema,
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
		argsVersion: answerArgsVersion,
		args: z.object({ conversationId, questionId })
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

/** The args version each name is built with today (mutation-upgrades.ts reads older ones). */
export const CURRENT_ARGS_VERSION = Object.fromEntries(
	mutationSchema.options.map((option) => [option.shape.name.value, option.shape.argsVersion.value])
) as Record<MutationName, number>;

/** The changes that write an answer, and so carry a baseVersion in their envelope. */
export const ANSWER_CHANGES: ReadonlySet<MutationName> = new Set([
	'answer.set',
	'answer.clear',
	'answer.amend'
]);

/** The answer a change writes (null when it clears it); undefined for changes that write none. */
export function answerWritten(
	mutation: Mutation
): { questionId: QuestionId; value: Answer | null } | undefined {
	switch (mutation.name) {
		case 'answer.set':
		case 'answer.amend':
			return { questionId: mutation.args.questionId, value: mutation.args.answer };
		case 'answer.clear':
			return { questionId: mutation.args.questionId, value: null };
		default:
			return undefined;
	}
}

/** A queued mutation as it travels: the device's sequence number and a global id. */
export const mutationEnvelopeSchema = z.object({
	seq: z.number().int().positive(),
	mutationId: z.uuid(),
	clientTime: timestampSchema,
	baseVersion: baseVersionSchema.optional()
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;
