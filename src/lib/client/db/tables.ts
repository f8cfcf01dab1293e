import { z } from 'zod';
import { conversationIdSchema, questionIdSchema } from '$lib/domain/ids';
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
		conversationId: conversationIdSchema,
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
	conversationId: conversationIdSchema,
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
	conversationId: conversationIdSchema,
	questionId: questionIdSchema,
	losingValue: z.unknown(),
	winningValue: z.unknown(),
	recordedAt: z.iso.datetime(),
	seenAt: z.iso.datetime().optional()
});
export type ConflictEntry = z.infer<typeof conflictEntrySchema>;

export const storedConversationSchema = conversationSchema.extend({
	/** Goes up with every write of this row, in any tab, so a tab never takes an older copy for news. */
	revision: z.number().int().nonnegative().optional()
});
export type StoredConversation = z.infer<typeof storedConversationSchema>;

/**
 * What a form shows where the record cannot hold it yet: text over a limit, a sub-form not yet
 * submitted, or what the person typed where a change made elsewhere replaced it (`conflicts`).
 * `base` is the stored value of the form's part that `screen` was edited from.
 */
export const draftRowSchema = z.object({
	/** `${conversationId}:${part}` */
	key: z.string(),
	conversationId: conversationIdSchema,
	part: z.string(),
	screen: z.unknown(),
	base: z.unknown(),
	conflicts: z.record(z.string(), z.unknown()),
	updatedAt: z.iso.datetime()
});
export type DraftRow = z.infer<typeof draftRowSchema>;

export type MetaRow = { key: string; value: unknown };
