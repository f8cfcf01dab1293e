/**
 * The operations of the OpenAPI document: every route under /api, with its request, its answer
 * and every error it can answer (openapi-operations.ts).
 */
import { directoryPageQuerySchema } from '$lib/domain/directory/directory-page.schema';
import {
	errors,
	jsonContent,
	queryParameters,
	READ_JSON,
	syncOperation,
	type JsonObject
} from './openapi-operations';

const SESSION_SET = {
	'Set-Cookie': { description: 'The session cookie.', schema: { type: 'string' } }
};

export function apiPaths(): Record<string, Record<string, JsonObject>> {
	return {
		'/sync/push': {
			post: syncOperation(
				'pushChanges',
				"Upload the device's queued changes",
				'Processes the changes in seq order, in one transaction. A change already processed (seq <= lastSeq) returns its stored result again; a seq after a gap stops processing (gap: true). A change the server refuses for good is stored as rejected, with its code, and does not stop the ones after it.',
				'PushRequest',
				'PushResponse'
			)
		},
		'/sync/pull': {
			post: syncOperation(
				'pullChanges',
				'Download what changed after a cursor',
				"Returns the person's conversations changed after the cursor, oldest change first, a page at a time, with the device's lastSeq read in the same snapshot and the question sets the device lacks.",
				'PullRequest',
				'PullResponse'
			)
		},
		'/session': {
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
					...errors('UNAUTHENTICATED')
				}
			},
			post: {
				operationId: 'signIn',
				summary: 'Sign in',
				tags: ['session'],
				security: [],
				requestBody: { required: true, content: jsonContent('SignInRequest') },
				responses: {
					'200': {
						description: 'Signed in; the session cookie is set.',
						headers: SESSION_SET,
						content: jsonContent('SignInResponse')
					},
					...errors(...READ_JSON, 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'TOO_MANY_ATTEMPTS')
				}
			},
			delete: {
				operationId: 'signOut',
				summary: 'Sign out',
				description: 'Ends the session, if there is one, and clears its cookie.',
				tags: ['session'],
				security: [{ session: [] }, {}],
				responses: { '204': { description: 'Signed out.', headers: SESSION_SET } }
			}
		},
		'/directory': {
			get: {
				operationId: 'getDirectoryPage',
				summary: "A page of a region's locations",
				description:
					"The region's locations a page at a time in location ID order. Every page carries the region's version, so a device can tell when the directory changed while it was downloading.",
				tags: ['directory'],
				security: [{ session: [] }],
				parameters: [
					...queryParameters(directoryPageQuerySchema),
					{
						name: 'If-None-Match',
						in: 'header',
						required: false,
						description: 'The ETag of the page the device holds.',
						schema: { type: 'string' }
					}
				],
				responses: {
					'200': {
						description: 'The page.',
						headers: { ETag: { description: 'Names this page.', schema: { type: 'string' } } },
						content: jsonContent('DirectoryPage')
					},
					'304': { description: 'The page is unchanged since the ETag sent.' },
					...errors('INVALID_QUERY', 'UNAUTHENTICATED')
				}
			}
		},
		'/health': {
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
		'/openapi.json': {
			get: {
				operationId: 'getOpenApiDocument',
				summary: 'This document',
				tags: ['contract'],
				security: [],
				responses: {
					'200': {
						description: 'The OpenAPI document.',
						content: { 'application/json': { schema: { type: 'object' } } }
					}
				}
			}
		}
	};
}
