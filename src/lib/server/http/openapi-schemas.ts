/**
 * The schemas of the OpenAPI document, generated from the zod schemas the server checks with.
 * Descriptions come from the schemas' `.meta()`, so they are written once. A push's changes are
 * documented by name, each with its own `args`: the server reads the envelope first and each
 * change on its own, so a wrong change is refused alone, but a change a client may send is one
 * of these.
 */
import { z } from 'zod';
import { sessionUserSchema, signInBodySchema } from '$lib/domain/accounts/account.schema';
import {
	ANSWER_CHANGES,
	baseVersionSchema,
	mutationSchema,
	type MutationName
} from '$lib/domain/conversation/mutation.schema';
import { directoryPageSchema } from '$lib/domain/directory/directory-page.schema';
import { refusalCodeSchema } from '$lib/domain/refusal-code.schema';
import {
	MAX_PUSH_BATCH,
	pullRequestSchema,
	pullResponseSchema,
	pushedMutationSchema,
	pushRequestSchema,
	pushResponseSchema
} from '$lib/domain/sync/sync-protocol.schema';
import type { ApiErrorBody } from './api-error';

/** The one shape of every API error (api-error.ts). */
export const apiErrorSchema = z.object({
	code: refusalCodeSchema,
	message: z.string().min(1).meta({ description: 'The reason in words, for a person.' }),
	issues: z
		.array(z.object({ path: z.string(), message: z.string() }))
		.optional()
		.meta({ description: 'With INVALID_BODY: every problem, with where it is in the body.' })
}) satisfies z.ZodType<ApiErrorBody>;

/** `conversation.start` → `ConversationStartChange`. */
const componentOf = (name: MutationName) =>
	`${name
		.split('.')
		.map((part) => part[0]!.toUpperCase() + part.slice(1))
		.join('')}Change`;

const envelope = pushedMutationSchema.pick({ seq: true, mutationId: true, clientTime: true });
// The changes that write an answer say which version of it they were based on.
const answerEnvelope = envelope.extend({ baseVersion: baseVersionSchema });
const changes = mutationSchema.options.map((change) => ({
	id: componentOf(change.shape.name.value),
	name: change.shape.name.value,
	schema: (ANSWER_CHANGES.has(change.shape.name.value) ? answerEnvelope : envelope)
		.extend(change.shape)
		.meta({ description: change.description })
}));

const changeSchema = z
	.discriminatedUnion(
		'name',
		changes.map((change) => change.schema) as unknown as [
			z.ZodObject<{ name: z.ZodLiteral<MutationName> }>
		]
	)
	.meta({ description: 'A change as uploaded: its place in the queue, its name and its args.' });

const documentedPushRequest = pushRequestSchema.extend({
	mutations: z
		.array(changeSchema)
		.min(1)
		.max(MAX_PUSH_BATCH)
		.meta({ description: pushRequestSchema.shape.mutations.description })
});

const COMPONENTS = {
	PushRequest: documentedPushRequest,
	PushResponse: pushResponseSchema,
	PullRequest: pullRequestSchema,
	PullResponse: pullResponseSchema,
	Change: changeSchema,
	ApiError: apiErrorSchema,
	RefusalCode: refusalCodeSchema,
	SignInRequest: signInBodySchema,
	SignInResponse: z.object({ user: sessionUserSchema }),
	SessionResponse: z.object({
		user: sessionUserSchema,
		demo: z.boolean().meta({ description: 'Whether the demo accounts exist.' })
	}),
	HealthResponse: z.object({
		status: z.enum(['ok', 'unavailable']),
		database: z.object({ kind: z.enum(['pglite', 'postgres']), answers: z.boolean() })
	}),
	DirectoryPage: directoryPageSchema
} as const;

export type ComponentName = keyof typeof COMPONENTS;
export const schemaRef = (name: string) => `#/components/schemas/${name}`;

/** Every component schema of the document, each a plain JSON Schema (2020-12) object. */
export function componentSchemas(): Record<string, Record<string, unknown>> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
	for (const change of changes) registry.add(change.schema, { id: change.id });
	const { schemas } = z.toJSONSchema(registry, {
		// What a request or response may hold as it is read, before any defaults.
		io: 'input',
		unrepresentable: 'any',
		uri: schemaRef,
		override: ({ zodSchema, jsonSchema }) => {
			if (zodSchema !== changeSchema) return;
			jsonSchema.discriminator = {
				propertyName: 'name',
				mapping: Object.fromEntries(changes.map((change) => [change.name, schemaRef(change.id)]))
			};
		}
	});
	const result: Record<string, Record<string, unknown>> = {};
	for (const [name, generated] of Object.entries(schemas)) {
		// The document names its dialect once; each schema is addressed by its place in it.
		const { $schema: _schema, $id: _id, ...schema } = generated as Record<string, unknown>;
		result[name] = schema;
	}
	return result;
}
