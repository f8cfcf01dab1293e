import { z } from 'zod';
import { conversationSchema } from '$lib/domain/conversation/conversation.schema';
import { mutationEnvelopeSchema, mutationSchema } from '$lib/domain/conversation/mutation.schema';

/**
 * Rows as they are stored on the device. Anything read back from IndexedDB is parsed with these,
 * because a row may have been written by an older version of the app.
 */
/**
 * pending: not yet processed by the server. acked: processed (applied or superseded).
 * rejected: refused by the server for good; a copy is in `rejected` with the reason.
 */
export const outboxStateSchema = z.enum(['pending', 'acked', 'rejected']);

export const outboxEntrySchema = z.intersection(
	mutationSchema,
	mutationEnvelopeSchema.extend({
		conversationId: z.uuid(),
		state: outboxStateSchema,
		attempts: z.number().int().nonnegative(),
		lastError: z.string().optional(),
		ackedAt: z.iso.datetime().optional()
	})
);
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** A change the server refused for good; kept so the inspector sees it and nothing is lost. */
export const rejectedEntrySchema = z.object({
	mutationId: z.uuid(),
	seq: z.number().int().positive(),
	conversationId: z.uuid(),
	entry: outboxEntrySchema,
	code: z.string(),
	message: z.string(),
	rejectedAt: z.iso.datetime()
});
export type RejectedEntry = z.infer<typeof rejectedEntrySchema>;

/** A value that lost to another device's edit of the same answer. */
export const conflictEntrySchema = z.object({
	id: z.number().int().optional(),
	mutationId: z.uuid(),
	conversationId: z.uuid(),
	questionId: z.string(),
	losingValue: z.unknown(),
	winningValue: z.unknown(),
	recordedAt: z.iso.datetime(),
	seenAt: z.iso.datetime().optional()
});
export type ConflictEntry = z.infer<typeof conflictEntrySchema>;

export const storedConversationSchema = conversationSchema;
export type StoredConversation = z.infer<typeof storedConversationSchema>;

export type MetaRow = { key: string; value: unknown };
