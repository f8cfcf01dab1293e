import { questionIdSchema } from '../ids';
import { z } from 'zod';
import { answerSchema, conversationSchema } from '../conversation/conversation.schema';
import { conversationReviewSchema } from '../review/flag-review.schema';

/** A conversation as the server sends it to its owner's devices (docs/sync-protocol.md). */

/** A value of an answer that lost to another device's edit; kept and shown to its author. */
export const answerConflictSchema = z.object({
	mutationId: z.uuid(),
	deviceId: z.uuid(),
	questionId: questionIdSchema,
	losingValue: answerSchema.nullable(),
	winningValue: answerSchema.nullable(),
	recordedAt: z.iso.datetime()
});
export type AnswerConflict = z.infer<typeof answerConflictSchema>;

export const serverConversationSchema = conversationSchema.extend({
	version: z.number().int().positive().meta({
		description: "The owner's change counter at this conversation's last change; orders pulls."
	}),
	answerVersions: z.record(z.string(), z.number().int().nonnegative()).meta({
		description: "Each answer's version: the baseVersion of the device's next edit of it."
	}),
	conflicts: z.array(answerConflictSchema).meta({
		description: "Values of answers that lost to another device's edit."
	}),
	review: conversationReviewSchema.optional().meta({
		description: "Managers' decisions on its flags and the questions sent back to the inspector."
	})
});
export type ServerConversation = z.infer<typeof serverConversationSchema>;
