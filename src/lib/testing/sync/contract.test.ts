/**
 * A client written from the OpenAPI document alone can sync. Every request body here is built
 * from the document's schemas (openapi-example.ts), with only what the server's data decides
 * given by name: the conversation, the question and its option, the location. Each one is sent
 * through the real route handler, and each answer is checked against the document's response
 * schema, on PGlite and PostgreSQL. Every named change the document lists is sent once.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '$lib/domain/accounts/account.schema';
import type { DatabaseHandle } from '$lib/server/db/database';
import { openApiDocument } from '$lib/server/http/openapi';
import { testDatabases } from '$lib/server/testing/databases';
import { locationFor, questionSetFor } from '$lib/testing/factories';
import { exampleFrom, type Known } from '$lib/testing/openapi-example';
import { POST as pullRoute } from '../../../routes/api/sync/pull/+server';
import { POST as pushRoute } from '../../../routes/api/sync/push/+server';
import { createInspector } from './harness';

const server = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock('$lib/server/startup', () => ({
	serverDatabase: () => {
		if (!server.handle) throw new Error('The database is not open yet');
		return server.handle;
	}
}));

type Json = Record<string, unknown>;
const document = JSON.parse(JSON.stringify(openApiDocument())) as Json & {
	servers: { url: string }[];
	paths: Record<string, Record<string, Json>>;
	components: { schemas: Record<string, Json> };
};

// Formats are not checked: the document's patterns already say what each string must be.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(document, 'openapi.json');

/** The schema of `path`'s request body, or of its answer with `status`, as the document says. */
function schemaAt(path: string, status?: string): Json {
	const operation = document.paths[path]!.post!;
	const content = status
		? (operation.responses as Record<string, { content: Json }>)[status]!.content
		: (operation.requestBody as { content: Json }).content;
	return (content['application/json'] as { schema: Json }).schema;
}

function expectValid(schema: Json, value: unknown, what: string) {
	const validate = ajv.getSchema(`openapi.json${schema.$ref as string}`)!;
	expect(validate(value) ? [] : validate.errors, what).toEqual([]);
}

async function send(path: string, user: SessionUser, body: unknown): Promise<Json> {
	expectValid(schemaAt(path), body, `${path} request`);
	const url = `http://localhost${document.servers[0]!.url}${path}`;
	const request = new Request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	const event = {
		request,
		url: new URL(url),
		locals: { user },
		route: { id: new URL(url).pathname },
		params: {}
	} as unknown as RequestEvent;
	const response = await (path === '/sync/push'
		? pushRoute(event as Parameters<typeof pushRoute>[0])
		: pullRoute(event as Parameters<typeof pullRoute>[0]));
	const answer = (await response.json()) as Json;
	expect(response.status, JSON.stringify(answer)).toBe(200);
	expectValid(schemaAt(path, '200'), answer, `${path} answer`);
	return answer;
}

/** A change built from the document's schema for `name`. */
function change(name: string, seq: number, known: Known): unknown {
	const mapping = (document.components.schemas.Change!.discriminator as { mapping: Json }).mapping;
	const schema = { $ref: mapping[name] as string };
	const args = exampleFrom(document, { $ref: `${schema.$ref}/properties/args` }, known);
	return exampleFrom(document, schema, { seq, args });
}

describe.each(testDatabases())('a client built from the OpenAPI document on $name', ({ open }) => {
	let user: SessionUser;
	const deviceId = crypto.randomUUID();

	beforeAll(async () => {
		server.handle = await open();
		const inspector = await createInspector(server.handle, `contract-${deviceId}@example.test`);
		user = {
			id: inspector.id,
			email: `contract-${deviceId}@example.test`,
			name: 'Contract',
			role: 'inspector',
			teamId: null,
			region: null
		};
	});
	afterAll(async () => {
		await server.handle?.close();
		server.handle = undefined;
	});

	it('checks answers against the document: one missing a field or of the wrong type fails', () => {
		const validate = ajv.getSchema(`openapi.json${schemaAt('/sync/push', '200').$ref as string}`)!;
		const answer = { lastSeq: 0, results: [], gap: false, serverTime: new Date().toISOString() };
		expect(validate(answer)).toBe(true);
		expect(validate({ ...answer, lastSeq: undefined })).toBe(false);
		expect(validate({ ...answer, results: [{ seq: 1, status: 'lost' }] })).toBe(false);
	});

	it('pushes every named change and pulls the result', async () => {
		const envelope = { userId: user.id, deviceId };
		const pull = (cursor: number) =>
			send(
				'/sync/pull',
				user,
				exampleFrom(document, schemaAt('/sync/pull'), { ...envelope, cursor })
			);
		const first = await pull(0);
		const location = locationFor();
		const questionSet = (first.questionSets as { id: string; version: number; sector: string }[])
			.filter((set) => set.sector === location.sector)
			.map(({ id, version }) => ({ id, version }))[0]!;
		const question = questionSetFor(location.sector).areas[0]!.questions[0]!;
		const conversationId = crypto.randomUUID();
		const known: Known = {
			conversationId,
			location,
			questionSet,
			questionId: question.id,
			optionId: question.options[0]!.id,
			internalRisks: 'Two staff off sick'
		};
		const push = (mutations: unknown[]) =>
			send(
				'/sync/push',
				user,
				exampleFrom(document, schemaAt('/sync/push'), { ...envelope, mutations })
			);

		const named = ['conversation.start', 'conversation.update', 'answer.set', 'flag.set'];
		const sent = await push(named.map((name, i) => change(name, i + 1, known)));
		expect(sent).toMatchObject({ lastSeq: 4, gap: false });
		expect((sent.results as Json[]).map((result) => result.status)).toEqual(
			named.map(() => 'applied')
		);

		const pulled = await pull(0);
		const [conversation] = pulled.conversations as Json[];
		expect(conversation).toMatchObject({
			id: conversationId,
			internalRisks: 'Two staff off sick',
			answers: { [question.id]: { optionId: question.options[0]!.id } },
			flags: { [question.id]: { status: 'raised' } }
		});
		const baseVersion = (conversation!.answerVersions as Record<string, number>)[question.id];
		expect(baseVersion).toBeGreaterThan(0);

		const later = ['answer.clear', 'answer.amend', 'conversation.complete'];
		const second = await push(
			later.map((name, i) => change(name, i + 5, { ...known, baseVersion }))
		);
		expect(second).toMatchObject({ lastSeq: 7, gap: false });
		// No manager sent the question back, and nothing is answered: refused, each with its code.
		expect(second.results).toMatchObject([
			{ seq: 5, status: 'applied' },
			{ seq: 6, status: 'rejected', code: 'NOT_RETURNED' },
			{ seq: 7, status: 'rejected', code: 'INCOMPLETE' }
		]);
		const all = Object.keys(
			(document.components.schemas.Change!.discriminator as { mapping: Json }).mapping
		);
		expect([...named, ...later].sort()).toEqual(all.sort());

		const final = await pull(pulled.cursor as number);
		expect(final.conversations).toMatchObject([{ id: conversationId, answers: {} }]);
	});
});
