import { z } from 'zod';
import { conversationSchema } from '../conversation/conversation.schema';
import { pushedMutationSchema } from './sync-protocol.schema';

/**
 * A file of the changes a device has not uploaded yet, for a device whose sync is broken to hand
 * its work over. It is uploaded through the normal push under the device it came from, so the
 * change ids make a second upload of the same file change nothing.
 */
export const unsentChangesFileSchema = z.object({
	kind: z.literal('esf-unsent-changes'),
	formatVersion: z.literal(1),
	/** Only this person may upload the file. */
	userId: z.uuid(),
	deviceId: z.uuid(),
	exportedAt: z.iso.datetime(),
	/** In the device's order, without gaps. */
	changes: z.array(pushedMutationSchema).min(1),
	/** The conversations the changes touch, as the device showed them, for a person to read. */
	conversations: z.array(conversationSchema)
});
export type UnsentChangesFile = z.infer<typeof unsentChangesFileSchema>;
