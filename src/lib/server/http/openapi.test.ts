import { describe, expect, it } from 'vitest';
import { mutationSchema } from '$lib/domain/conversation/mutation.schema';
import { routeIds } from '../testing/route-ids';
import { API_BASE, openApiDocument } from './openapi';

type JsonObject = Record<string, unknown>;

const document = openApiDocument() as unknown as JsonObject & {
	servers: { url: string }[];
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
			['/sync/push', 'PushRequest', 'PushResponse'],
			['/sync/pull', 'PullRequest', 'PullResponse']
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
			properties: {
				code: { $ref: '#/components/schemas/RefusalCode' },
				message: { type: 'string' },
				issues: {}
			}
		});
		expect(document.components.schemas.RefusalCode!.enum).toEqual(
			expect.arrayContaining(['INVALID_BODY', 'VERSION_NOT_SUPPORTED', 'INVALID_ARGS', 'LOCKED'])
		);
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
		expect(properties.mutations!.items).toEqual({ $ref: '#/components/schemas/Change' });
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

	it('describes every named change as one of a union told apart by its name, with its args', () => {
		const change = document.components.schemas.Change!;
		const names = mutationSchema.options.map((option) => option.shape.name.value);
		const discriminator = change.discriminator as {
			propertyName: string;
			mapping: Record<string, string>;
		};
		expect(discriminator.propertyName).toBe('name');
		expect(Object.keys(discriminator.mapping).sort()).toEqual([...names].sort());
		const branches = (change.oneOf as { $ref: string }[]).map((branch) => branch.$ref);
		expect([...branches].sort()).toEqual(Object.values(discriminator.mapping).sort());
		for (const [name, reference] of Object.entries(discriminator.mapping)) {
			const branch = resolve(reference);
			expect(branch.required, name).toEqual(
				expect.arrayContaining(['seq', 'mutationId', 'clientTime', 'name', 'argsVersion', 'args'])
			);
			const properties = branch.properties as Record<string, JsonObject>;
			expect(properties.name).toMatchObject({ const: name });
			const args = properties.args!;
			expect(args.type, name).toBe('object');
			expect(Object.keys(args.properties as JsonObject), name).toContain('conversationId');
			expect(args.required, name).toEqual(expect.arrayContaining(['conversationId']));
			expect(branch.description, name).toEqual(expect.any(String));
		}
		const answerSet = resolve(discriminator.mapping['answer.set']!).properties as Record<
			string,
			JsonObject
		>;
		// The changes that write an answer carry the version they were based on in the envelope.
		expect(answerSet.baseVersion).toMatchObject({
			type: 'integer',
			minimum: 0,
			description: expect.stringMatching(/answerVersions/)
		});
		for (const [name, reference] of Object.entries(discriminator.mapping)) {
			const branch = resolve(reference);
			const writesAnswer = ['answer.set', 'answer.clear', 'answer.amend'].includes(name);
			expect((branch.required as string[]).includes('baseVersion'), name).toBe(writesAnswer);
			expect('baseVersion' in (branch.properties as JsonObject), name).toBe(writesAnswer);
			const args = (branch.properties as Record<string, JsonObject>).args!;
			expect(args.properties as JsonObject, name).not.toHaveProperty('baseVersion');
		}
	});

	it('describes every /api route of the app, on a server under /api', () => {
		expect(document.servers).toEqual([expect.objectContaining({ url: API_BASE })]);
		const apiRoutes = routeIds().filter((id) => id.startsWith(`${API_BASE}/`));
		expect(apiRoutes.length).toBeGreaterThan(5);
		const described = Object.keys(document.paths).map((path) => API_BASE + path);
		expect(described.sort()).toEqual(apiRoutes);
		expect(Object.keys(document.paths['/session']!).sort()).toEqual(['delete', 'get', 'post']);
		expect(document.paths['/directory']!.get!.parameters).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'region', in: 'query', required: true }),
				expect.objectContaining({ name: 'limit', in: 'query', required: false })
			])
		);
	});

	it('gives every error answer the ApiError body, and a description to every field it can', () => {
		for (const [path, operations] of Object.entries(document.paths)) {
			for (const [method, operation] of Object.entries(operations)) {
				const responses = operation.responses as Record<string, { content?: unknown }>;
				for (const [status, response] of Object.entries(responses)) {
					if (Number(status) < 400 || path === '/health') continue;
					expect(schemaOf(response.content), `${method} ${path} ${status}`).toBe(
						document.components.schemas.ApiError
					);
				}
			}
		}
		const pushFields = document.components.schemas.PushRequest!.properties as Record<
			string,
			JsonObject
		>;
		for (const [name, field] of Object.entries(pushFields)) {
			expect(field.description, name).toEqual(expect.any(String));
		}
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
