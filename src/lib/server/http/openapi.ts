/**
 * The OpenAPI 3.1 description of the API, served at GET /api/openapi.json: the contract another
 * client can implement. Its schemas are generated from the zod schemas the server checks bodies
 * with, descriptions included, so the document cannot drift from what the server accepts. The
 * statuses, invariants and scenarios are told in docs/sync-protocol.md.
 */
import { PROTOCOL_VERSION } from '$lib/domain/sync/sync-protocol.schema';
import { SESSION_COOKIE } from './authenticate';
import { apiPaths } from './openapi-paths';
import { componentSchemas } from './openapi-schemas';

/** Every path of the document is under this one, on the server that serves the document. */
export const API_BASE = '/api';

function buildDocument() {
	return {
		openapi: '3.1.0',
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		info: {
			title: 'ESF Conversations API',
			version: `sync protocol ${PROTOCOL_VERSION}`,
			description:
				'How a device signs in, uploads the changes it queued, downloads what changed on the server and the directory of locations. Requests are JSON (Content-Type: application/json) and, but for signing in, need the session cookie. Every error is answered `{code, message}`. See docs/sync-protocol.md in the repository.',
			license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' }
		},
		servers: [{ url: API_BASE, description: 'The server that serves this document, under /api.' }],
		tags: [
			{ name: 'sync', description: 'Uploading and downloading conversations.' },
			{ name: 'session', description: 'Signing in and out, and who is signed in.' },
			{ name: 'directory', description: 'The locations of a region.' },
			{ name: 'health', description: 'Whether the server and its database answer.' },
			{ name: 'contract', description: 'This document.' }
		],
		paths: apiPaths(),
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
