/**
 * The OpenAPI 3.1 description of the API a device uses, served at GET /api/openapi.json. The
 * request and response schemas are generated from the same zod schemas the server checks bodies
 * with, so the document cannot drift from what the server accepts. See docs/sync-protocol.md.
 */
import { z } from 'zod';
import { sessionUserSchema } from '$lib/domain/accounts/account.schema';
import {
	MAX_PULL_PAGE,
	MAX_PUSH_BATCH,
	PROTOCOL_VERSION,
	pullRequestSchema,
	pullResponseSchema,
	pushRequestSchema,
	pushResponseSchema
} from '$lib/domain/sync/sync-protocol.schema';
import { SESSION_COOKIE } from '../auth/session';
import type { ApiErrorBody } from './api-error';
import { MAX_SYNC_BODY_BYTES } from '$lib/domain/sync/sync-protocol.schema';

/** The one shape of every API error (api-error.ts). */
export const apiErrorSchema = z.object({
	code: z.string().min(1),
	message: z.string().min(1),
	issues: z.array(z.object({ path: z.string(), message: z.string() })).optional()
}) satisfies z.ZodType<ApiErrorBody>;

const sessionResponseSchema = z.object({ user: sessionUserSchema, demo: z.boolean() });

const healthResponseSchema = z.object({
	status: z.enum(['ok', 'unavailable']),
	database: z.object({ kind: z.enum(['pglite', 'postgres']), answers: z.boolean() })
});

const COMPONENTS = {
	PushRequest: pushRequestSchema,
	PushResponse: pushResponseSchema,
	PullRequest: pullRequestSchema,
	PullResponse: pullResponseSchema,
	ApiError: apiErrorSchema,
	SessionResponse: sessionResponseSchema,
	HealthResponse: healthResponseSchema
} as const;

type ComponentName = keyof typeof COMPONENTS;

/** Descriptions of fields whose meaning the schema alone does not say. */
const FIELD_NOTES = new Map<z.core.$ZodType, string>([
	[
		pushRequestSchema.shape.protocol,
		`The sync protocol version; this server speaks ${PROTOCOL_VERSION}. Any other integer is answered 426.`
	],
	[
		pushRequestSchema.shape.sentAt,
		"The device's clock when it sent the request; with the server's clock it corrects each clientTime."
	],
	[
		pushRequestSchema.shape.mutations,
		`1 to ${MAX_PUSH_BATCH} changes in ascending, consecutive seq order (each seq is the previous one plus 1).`
	],
	[
		pushResponseSchema.shape.lastSeq,
		"The device's highest seq the server has processed, after this request."
	],
	[
		pushResponseSchema.shape.gap,
		'True when the first new change was not lastSeq + 1; nothing after the gap was processed.'
	],
	[
		pullRequestSchema.shape.protocol,
		`The sync protocol version; this server speaks ${PROTOCOL_VERSION}. Any other integer is answered 426.`
	],
	[
		pullRequestSchema.shape.cursor,
		'The cursor of the last page the device stored; 0 for everything.'
	],
	[pullRequestSchema.shape.limit, `Conversations per page; ${MAX_PULL_PAGE} when left out.`],
	[pullRequestSchema.shape.questionSets, 'The question sets the device already holds.'],
	[
		pullResponseSchema.shape.lastSeq,
		"The device's highest processed seq, read in the same snapshot as the conversations."
	],
	[
		pullResponseSchema.shape.reset,
		'The device must drop the server copies it holds and pull again from cursor 0.'
	]
]);

type JsonObject = Record<string, unknown>;
type Operation = JsonObject;

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: ComponentName) => ({ 'application/json': { schema: ref(name) } });
const errorResponse = (description: string, headers?: JsonObject) => ({
	description,
	content: jsonContent('ApiError'),
	...(headers ? { headers } : {})
});

/** The error answers every sync request may get, with the codes and what the device does. */
const SYNC_ERRORS = {
	'400': errorResponse(
		'MALFORMED_JSON: the body is not JSON. INVALID_BODY: it is not the expected shape; `issues` lists each problem. Nothing was changed.'
	),
	'401': errorResponse(
		'UNAUTHENTICATED: no valid session. The device keeps its changes and waits for the person to sign in again.'
	),
	'403': errorResponse(
		'DEVICE_USER_MISMATCH: the device is registered to another person (or was revoked). FORBIDDEN: the account may not use this route.'
	),
	'413': errorResponse(`BODY_TOO_LARGE: the body is over ${MAX_SYNC_BODY_BYTES / 1024} KB.`),
	'415': errorResponse('UNSUPPORTED_MEDIA_TYPE: the Content-Type is not application/json.'),
	'426': errorResponse(
		`VERSION_NOT_SUPPORTED: the request's protocol is not ${PROTOCOL_VERSION}. The device keeps its changes and asks for an update.`
	),
	'503': errorResponse(
		'TRY_AGAIN: an unexpected failure; everything in the request was rolled back. Send it again later.',
		{ 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } }
	)
};

function syncOperation(
	operationId: string,
	summary: string,
	description: string,
	request: ComponentName,
	response: ComponentName
): Operation {
	return {
		operationId,
		summary,
		description,
		tags: ['sync'],
		security: [{ session: [] }],
		requestBody: { required: true, content: jsonContent(request) },
		responses: {
			'200': { description: 'Processed.', content: jsonContent(response) },
			...SYNC_ERRORS
		}
	};
}

function componentSchemas(): Record<ComponentName, JsonObject> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
	const { schemas } = z.toJSONSchema(registry, {
		// What a request or response may hold as it is read, before any defaults.
		io: 'input',
		unrepresentable: 'any',
		uri: (id) => `#/components/schemas/${id}`,
		override: ({ zodSchema, jsonSchema }) => {
			const note = FIELD_NOTES.get(zodSchema);
			if (note) jsonSchema.description = note;
		}
	});
	const result = {} as Record<ComponentName, JsonObject>;
	for (const name of Object.keys(COMPONENTS) as ComponentName[]) {
		// The document names its dialect once; each schema is addressed by its place in it.
		const { $schema: _schema, $id: _id, ...schema } = schemas[name] as JsonObject;
		result[name] = schema;
	}
	return result;
}

function buildDocument() {
	return {
		openapi: '3.1.0',
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		info: {
			title: 'ESF Conversations API',
			version: `sync protocol ${PROTOCOL_VERSION}`,
			description:
				'How a device uploads the changes it queued and downloads what changed on the server. Requests are JSON (Content-Type: application/json, at most 1 MB) and need the session cookie. See docs/sync-protocol.md in the repository.'
		},
		tags: [
			{ name: 'sync', description: 'Uploading and downloading conversations.' },
			{ name: 'session', description: 'Who is signed in.' },
			{ name: 'health', description: 'Whether the server and its database answer.' }
		],
		paths: {
			'/api/sync/push': {
				post: syncOperation(
					'pushChanges',
					"Upload the device's queued changes",
					'Processes the changes in seq order, in one transaction. A change already processed (seq <= lastSeq) returns its stored result again; a seq after a gap stops processing (gap: true). A change the server refuses for good is stored as rejected and does not stop the ones after it.',
					'PushRequest',
					'PushResponse'
				)
			},
			'/api/sync/pull': {
				post: syncOperation(
					'pullChanges',
					'Download what changed after a cursor',
					"Returns the person's conversations changed after the cursor, oldest change first, a page at a time, with the device's lastSeq read in the same snapshot and the question sets the device lacks.",
					'PullRequest',
					'PullResponse'
				)
			},
			'/api/session': {
				get: {
					operationId: 'getSession',
					summary: 'Who is signed in',
					tags: ['session'],
					security: [{ session: [] }],
					responses: {
						'200': {
							description: 'The signed-in person, and whether demo accounts exist.',
							content: jsonContent('SessionResponse')
						},
						'401': errorResponse('UNAUTHENTICATED: no valid session.')
					}
				}
			},
			'/api/health': {
				get: {
					operationId: 'getHealth',
					summary: 'Whether the database answers',
					tags: ['health'],
					security: [],
					responses: {
						'200': { description: 'The database answers.', content: jsonContent('HealthResponse') },
						'503': {
							description: 'The database does not answer.',
							content: jsonContent('HealthResponse')
						}
					}
				}
			},
			'/api/openapi.json': {
				get: {
					operationId: 'getOpenApiDocument',
					summary: 'This document',
					security: [],
					responses: {
						'200': { description: 'The OpenAPI document.', content: { 'application/json': {} } }
					}
				}
			}
		},
		components: {
			schemas: componentSchemas(),
			securitySchemes: {
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: SESSION_COOKIE,
					description: 'The HttpOnly session cookie set by POST /api/session (signing in).'
				}
			}
		}
	};
}

let document: ReturnType<typeof buildDocument> | undefined;

/** The API's OpenAPI 3.1 document; built once per process. */
export function openApiDocument() {
	document ??= buildDocument();
	return document;
}
