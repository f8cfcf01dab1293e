import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

type JsonObject = Record<string, unknown>;

const document = openApiDocument() as unknown as JsonObject & {
	paths: Record<string, Record<string, JsonObject>>;
	components: { schemas: Record<string, JsonObject> };
};

/** Follows a `#/…` reference inside the document. */
function resolve(reference: string): JsonObject {
	expect(reference).toMatch(/^#\//);
	return reference
		.slice(2)
		.split('/')
		.reduce<unknown>(
			(node, key) => (node as JsonObject | undefined)?.[key],
			document
		) as JsonObject;
}

function schemaOf(content: unknown): JsonObject {
	const schema = (content as { 'application/json': { schema: { $ref: string } } })[
		'application/json'
	].schema;
	return resolve(schema.$ref);
}

function references(node: unknown, found: string[] = []): string[] {
	if (Array.isArray(node)) for (const item of node) references(item, found);
	else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if (key === '$ref' && typeof value === 'string') found.push(value);
			else references(value, found);
		}
	}
	return found;
}

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1 and plain JSON', () => {
		expect(document.openapi).toBe('3.1.0');
		expect(JSON.parse(JSON.stringify(document))).toEqual(document);
	});

	it('describes both sync routes, with their request and response bodies', () => {
		for (const [path, request, response] of [
			['/api/sync/push', 'PushRequest', 'PushResponse'],
			['/api/sync/pull', 'PullRequest', 'PullResponse']
		] as const) {
			const post = document.paths[path]?.post;
			expect(post, path).toBeDefined();
			const body = post!.requestBody as { required: boolean; content: unknown };
			expect(body.required).toBe(true);
			expect(schemaOf(body.content)).toBe(document.components.schemas[request]);
			const responses = post!.responses as Record<string, { content: unknown }>;
			expect(schemaOf(responses['200']!.content)).toBe(document.components.schemas[response]);
			for (const status of ['400', '401', '403', '413', '415', '426', '503']) {
				const error = schemaOf(responses[status]?.content);
				expect(error, `${path} ${status}`).toBe(document.components.schemas.ApiError);
			}
		}
		expect(document.components.schemas.ApiError).toMatchObject({
			type: 'object',
			required: ['code', 'message'],
			properties: { code: { type: 'string' }, message: { type: 'string' }, issues: {} }
		});
	});

	it('requires protocol, deviceId, sentAt and mutations in a push, and gives the limits', () => {
		const push = document.components.schemas.PushRequest!;
		expect(push.type).toBe('object');
		expect(push.required).toEqual(
			expect.arrayContaining(['protocol', 'deviceId', 'sentAt', 'mutations'])
		);
		const properties = push.properties as Record<string, JsonObject>;
		expect(properties.deviceId).toMatchObject({ type: 'string', format: 'uuid' });
		expect(properties.sentAt).toMatchObject({ type: 'string', format: 'date-time' });
		expect(properties.mutations).toMatchObject({ type: 'array', minItems: 1, maxItems: 100 });
		expect(properties.mutations!.description).toMatch(/consecutive/);
		const mutation = properties.mutations!.items as JsonObject;
		expect(mutation.required).toEqual(
			expect.arrayContaining(['seq', 'mutationId', 'clientTime', 'name', 'argsVersion', 'args'])
		);
		const pull = document.components.schemas.PullRequest!;
		expect(pull.required).toEqual(
			expect.arrayContaining(['protocol', 'deviceId', 'cursor', 'questionSets'])
		);
		expect(pull.required).not.toContain('limit');
		expect((pull.properties as Record<string, JsonObject>).limit).toMatchObject({
			minimum: 1,
			maximum: 500
		});
	});

	it('also describes the session and health routes', () => {
		expect(document.paths['/api/session']?.get).toBeDefined();
		expect(document.paths['/api/health']?.get).toBeDefined();
	});

	it('has no reference that leads nowhere, and no schema carrying its own $schema or $id', () => {
		for (const reference of references(document)) {
			expect(resolve(reference), reference).toBeDefined();
		}
		for (const schema of Object.values(document.components.schemas)) {
			expect(schema).not.toHaveProperty('$schema');
			expect(schema).not.toHaveProperty('$id');
		}
	});
});
