import { z } from 'zod';
import { questionSetRefSchema, questionSetSchema } from '../question-sets/question-set.schema';
import { refusalCodeSchema } from '../refusal-code.schema';
import { pushedMutationSchema } from './pushed-mutation.schema';
import { serverConversationSchema } from './server-conversation.schema';
export { pushedMutationSchema, type PushedMutation } from './pushed-mutation.schema';
import { timestampSchema } from '../timestamp';

export {
	answerConflictSchema,
	serverConversationSchema,
	type AnswerConflict,
	type ServerConversation
} from './server-conversation.schema';

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
const userId = z.uuid().meta({
	description:
		'The person whose database on the device the request comes from; another than the signed-in person is answered 401.'
});
const protocol = z
	.number()
	.int()
	.meta({
		description: `The sync protocol version; this server speaks ${PROTOCOL_VERSION}. Any other integer is answered 426.`,
		examples: [PROTOCOL_VERSION]
	});
const deviceId = z
	.uuid()
	.meta({ description: 'The device, made once per browser profile and person.' });
const serverTime = z.iso.datetime().meta({ description: "The server's clock." });
const lastSeq = z.number().int().nonnegative();

/** What a device holds that the server has not, so a manager can see a device at risk. */
export const deviceHealthSchema = z.object({
	waitingChanges: z.number().int().nonnegative().max(10_000_000).meta({
		description: 'Changes recorded on the device that the server has not processed yet.'
	}),
	oldestWaitingAt: timestampSchema.nullable().meta({
		description: "The device's clock when the oldest of them was made; null when none waits."
	}),
	storagePersisted: z.boolean().nullable().meta({
		description:
			'Whether the browser promised not to evict the app’s data (navigator.storage.persisted()); null where it cannot say.'
	})
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

export const pushRequestSchema = z.object({
	protocol,
	appVersion: z
		.string()
		.max(100)
		.meta({ description: "The app build; stored as the device's last app version." }),
	userId,
	deviceId,
	sentAt: timestampSchema.meta({
		description:
			"The device's clock when it sent the request; with the server's clock it corrects each clientTime."
	}),
	mutations: z
		.array(pushedMutationSchema)
		.min(1)
		.max(MAX_PUSH_BATCH)
		.refine(
			(list) => list.every((mutation, i) => i === 0 || mutation.seq === list[i - 1]!.seq + 1),
			'Send changes in order of their sequence numbers, without gaps'
		)
		.meta({
			description: `1 to ${MAX_PUSH_BATCH} changes in ascending, consecutive seq order (each seq is the previous one plus 1).`
		}),
	deviceHealth: deviceHealthSchema.optional().meta({
		description:
			"The device's report before this upload of what waits on it, kept even when the upload fails; sent by apps from this version on."
	})
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationStatusSchema = z.enum(['applied', 'rejected', 'superseded']);
export type MutationStatus = z.infer<typeof mutationStatusSchema>;

export const mutationResultSchema = z.object({
	seq: z.number().int().positive(),
	mutationId: z.uuid(),
	status: mutationStatusSchema,
	code: refusalCodeSchema
		.optional()
		.meta({ description: 'Why the change was rejected or superseded.' }),
	message: z.string().optional().meta({ description: 'The reason in words, for the inspector.' })
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
	lastSeq: lastSeq.meta({
		description:
			"The device's highest seq the server has processed, after this request; everything up to it is done."
	}),
	results: z.array(mutationResultSchema).meta({
		description: 'For each change of the request up to lastSeq, what became of it.'
	}),
	gap: z.boolean().meta({
		description:
			'True when the first new change was not lastSeq + 1; nothing after the gap was processed.'
	}),
	serverTime
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
	protocol,
	userId,
	deviceId,
	cursor: z.number().int().nonnegative().meta({
		description: 'The cursor of the last page the device stored; 0 for everything.'
	}),
	limit: z
		.number()
		.int()
		.min(1)
		.max(MAX_PULL_PAGE)
		.optional()
		.meta({ description: `Conversations per page; ${MAX_PULL_PAGE} when left out.` }),
	questionSets: z
		.array(questionSetRefSchema)
		.max(100)
		.meta({ description: 'The question sets the device already holds.' }),
	deviceHealth: deviceHealthSchema.optional().meta({
		description:
			"The device's report of what waits on it, shown to the person's managers; sent by apps from this version on."
	})
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pullResponseSchema = z.object({
	conversations: z.array(serverConversationSchema).meta({
		description:
			"The person's conversations changed after the cursor, oldest change first, each whole."
	}),
	cursor: z.number().int().nonnegative().meta({
		description:
			"The version of the page's last conversation (the request's cursor when the page is empty)."
	}),
	hasMore: z
		.boolean()
		.meta({ description: 'Another page follows; ask again with the new cursor.' }),
	lastSeq: lastSeq.meta({
		description:
			"The device's highest processed seq, read in the same snapshot as the conversations (0 for a device the server has not seen)."
	}),
	reset: z.boolean().meta({
		description:
			"The cursor is ahead of the person's change counter (the server was restored from a backup): the device drops the server copies it holds and pulls again from cursor 0."
	}),
	questionSets: z.array(questionSetSchema).meta({
		description: 'Every question set on the server that the device did not list.'
	}),
	serverTime
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
