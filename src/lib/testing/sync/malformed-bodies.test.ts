/**
 * Every malformed sync request is answered 4xx with `{code, message}` and changes nothing.
 *
 * Bodies are generated (fast-check, fixed seed) from valid requests broken in one way each: not
 * JSON, cut short, the wrong top-level type, a field missing or of the wrong type or out of
 * range, a bad id or time, too many changes, changes out of order, another protocol version
 * (426), another content type (415) and too large (413). Each one goes through the real route
 * handler, so reading, checking and the database all run as they do for a device. A well-formed
 * envelope whose change `args` are wrong is not malformed: the server keeps it as rejected.
 */
import fc from 'fast-check';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { SessionUser } from '$lib/domain/accounts/account.schema';
import {
	MAX_PUSH_BATCH,
	pullRequestSchema,
	pushedMutationSchema,
	pushRequestSchema
} from '$lib/domain/sync/sync-protocol.schema';
import { uuidv7 } from '$lib/domain/ids';
import type { PushResponse } from '$lib/domain/sync/sync-protocol.schema';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '$lib/server/db/database';
import {
	answerHistory,
	answers,
	conversations,
	flags,
	syncDevices,
	syncMutations,
	userChangeCounters
} from '$lib/server/db/schema';
import { MAX_SYNC_BODY_BYTES as MAX_BODY_BYTES } from '$lib/domain/sync/sync-protocol.schema';
import { readSyncRequest } from '$lib/server/http/sync-request';
import { testDatabases } from '$lib/server/testing/databases';
import { answer, questionSetFor, startMutation } from '$lib/testing/factories';
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

const RUNS = 1200;
const SEED = 20_240_501;

/** One request to send and what the server must answer. */
type Case = {
	kind: string;
	contentType: string | null;
	body: string | Uint8Array<ArrayBuffer>;
	status: 400 | 413 | 415 | 426;
	code: string;
};

type Kind = 'push' | 'pull';

function event(kind: Kind, user: SessionUser, contentType: string | null, body: BodyInit) {
	const headers = new Headers();
	if (contentType !== null) headers.set('content-type', contentType);
	const url = `http://localhost/api/sync/${kind}`;
	// A string body without a content type would get text/plain; bytes get none.
	const request = new Request(url, { method: 'POST', headers, body });
	return {
		request,
		url: new URL(url),
		locals: { user },
		route: { id: `/api/sync/${kind}` },
		params: {}
	} as unknown as RequestEvent;
}

function send(kind: Kind, user: SessionUser, contentType: string | null, body: BodyInit) {
	const sent = event(kind, user, contentType, body);
	return kind === 'push'
		? pushRoute(sent as Parameters<typeof pushRoute>[0])
		: pullRoute(sent as Parameters<typeof pullRoute>[0]);
}

const json = (value: unknown): string => JSON.stringify(value);
const isSafeInteger = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value);
const invalidFor = (schema: z.ZodType) => (value: unknown) => !schema.safeParse(value).success;

// ---- values that are wrong ------------------------------------------------------------------

const anyJson = fc.jsonValue({ maxDepth: 2 });
const wrongType = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.string({ maxLength: 20 }),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.integer(),
	fc.array(anyJson, { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), anyJson, { maxKeys: 3 })
);

const validUuid = fc.uuid({ version: [4, 7] });
const badUuid = fc
	.oneof(
		fc.constantFrom(
			'',
			'not-a-uuid',
			'12345678-1234-0234-8234-123456789012',
			'12345678-1234-9234-8234-123456789012',
			'12345678-1234-4234-c234-123456789012',
			'{12345678-1234-4234-8234-123456789012}',
			'urn:uuid:12345678-1234-4234-8234-123456789012'
		),
		validUuid.map((id) => id.replaceAll('-', '')),
		validUuid.map((id) => id.slice(1)),
		validUuid.map((id) => `${id}0`),
		validUuid.map((id) => `${id.slice(0, 9)}g${id.slice(10)}`),
		validUuid.map((id) => ` ${id}`),
		wrongType
	)
	.filter(invalidFor(pushRequestSchema.shape.deviceId));

const validTime = fc
	.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
	.map((date) => date.toISOString());
const badTime = fc
	.oneof(
		fc.constantFrom(
			'',
			'now',
			'yesterday',
			'2024-13-01T00:00:00Z',
			'2024-02-30T10:00:00Z',
			'2023-02-29T10:00:00Z',
			'2024-01-01T24:00:00Z',
			'2024-01-01T23:59:60Z',
			'2024-01-01T00:00Z',
			'2024-01-01',
			'10:00:00',
			'2024-01-01 10:00:00Z',
			'2024-1-1T10:00:00Z'
		),
		validTime.map((time) => time.replace('Z', '+01:00')),
		validTime.map((time) => time.replace('Z', '')),
		validTime.map((time) => time.toLowerCase()),
		validTime.map((time) => Date.parse(time)),
		validTime.map((time) => new Date(time).toUTCString()),
		wrongType
	)
	.filter(invalidFor(pushRequestSchema.shape.sentAt));

/** Negative, zero, fractional, beyond 2^53 and not numbers at all. */
const badCount = (schema: z.ZodType) =>
	fc
		.oneof(
			fc.integer({ max: 0 }),
			fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
			fc.constantFrom(2 ** 53, 2 ** 60, 1e21, 1e308, -(2 ** 53), 0.5, -0.5),
			fc.integer({ min: 1, max: 1000 }).map(String),
			wrongType
		)
		.filter(invalidFor(schema));

// ---- valid requests to break ----------------------------------------------------------------

type Json = Record<string, unknown>;

function validPush(userId: string, deviceId: string, conversationId: string, firstSeq: number) {
	const questions = questionSetFor().areas.flatMap((area) => area.questions);
	const mutation = fc.record({
		mutationId: validUuid,
		clientTime: validTime,
		question: fc.constantFrom(...questions),
		notes: fc.string({ maxLength: 40 })
	});
	return fc
		.record({
			appVersion: fc.string({ maxLength: 100 }),
			sentAt: validTime,
			mutations: fc.array(mutation, { minLength: 1, maxLength: 5 })
		})
		.map(({ appVersion, sentAt, mutations }): Json => ({
			protocol: 1,
			appVersion,
			userId,
			deviceId,
			sentAt,
			mutations: mutations.map(({ mutationId, clientTime, question, notes }, i) => ({
				seq: firstSeq + i,
				mutationId,
				clientTime,
				baseVersion: 0,
				name: 'answer.set',
				argsVersion: 2,
				args: {
					conversationId,
					questionId: question.id,
					answer: answer(question.options[0]!.id, notes)
				}
			}))
		}));
}

function validPull(userId: string, deviceId: string) {
	return fc
		.record(
			{
				cursor: fc.nat(),
				limit: fc.integer({ min: 1, max: 500 }),
				questionSets: fc.array(
					fc.record({
						id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
						version: fc.integer({ min: 1, max: 50 })
					}),
					{ maxLength: 5 }
				)
			},
			{ requiredKeys: ['cursor', 'questionSets'] }
		)
		.map((body): Json => ({ protocol: 1, userId, deviceId, ...body }));
}

// ---- ways to break a request -----------------------------------------------------------------

const invalid = (kind: string, value: unknown): Case => ({
	kind,
	contentType: 'application/json',
	body: json(value),
	status: 400,
	code: 'INVALID_BODY'
});

function withField(body: Json, key: string, value: unknown): Json {
	return { ...body, [key]: value };
}

function without(body: Json, keys: readonly string[]): Json {
	const copy = { ...body };
	for (const key of keys) delete copy[key];
	return copy;
}

/** The ways every request can be broken, whatever its shape. */
function commonBreaks(valid: fc.Arbitrary<Json>, required: readonly string[]) {
	const notJson = fc
		.oneof(
			fc.string({ maxLength: 60 }),
			fc.constantFrom(
				"{'protocol': 1}",
				'{protocol: 1}',
				'{"protocol": 1,}',
				'{"protocol": 1}}',
				'[1, 2,',
				'undefined',
				'NaN',
				'Infinity',
				'{"a": 1} // note',
				'<request protocol="1"/>',
				'protocol=1&deviceId=x',
				'\u0000'
			),
			valid.map((body) => `${json(body)}x`),
			valid.map((body) => `${json(body)}${json(body)}`)
		)
		.filter((text) => {
			try {
				// Like the server, which reads the body as UTF-8 and so drops a byte order mark.
				JSON.parse(text.replace(/^\ufeff/, ''));
				return false;
			} catch {
				return true;
			}
		})
		.map((text): Case => ({
			kind: 'not JSON',
			contentType: 'application/json',
			body: text,
			status: 400,
			code: 'MALFORMED_JSON'
		}));
	const truncated = valid.chain((body) => {
		const text = JSON.stringify(body);
		return fc.integer({ min: 0, max: text.length - 1 }).map((end): Case => ({
			kind: 'truncated',
			contentType: 'application/json',
			body: text.slice(0, end),
			status: 400,
			code: 'MALFORMED_JSON'
		}));
	});
	const randomBytes = fc
		.uint8Array({ minLength: 1, maxLength: 120 })
		.filter((bytes) => {
			try {
				JSON.parse(new TextDecoder().decode(bytes));
				return false;
			} catch {
				return true;
			}
		})
		.map((bytes): Case => ({
			kind: 'random bytes',
			contentType: 'application/json',
			body: new Uint8Array(bytes),
			status: 400,
			code: 'MALFORMED_JSON'
		}));
	const topLevel = fc
		.oneof(
			fc.constant(null),
			fc.boolean(),
			fc.integer(),
			fc.double({ noNaN: true, noDefaultInfinity: true }),
			fc.string({ maxLength: 30 }),
			fc.array(anyJson, { maxLength: 4 }),
			valid.map((body) => [body]),
			valid.map((body) => JSON.stringify(body))
		)
		.map((value) => invalid('wrong top-level type', value));
	// Built as text: JSON.stringify itself overflows the stack on values this deep.
	const deeplyNested = fc
		.tuple(
			valid,
			fc.integer({ min: 1000, max: 30_000 }),
			fc.constantFrom('top level', 'in deviceId', 'in protocol')
		)
		.map(([body, depth, where]): Case => {
			const deep = '['.repeat(depth) + ']'.repeat(depth);
			const field = where === 'in deviceId' ? 'deviceId' : 'protocol';
			const text =
				where === 'top level'
					? deep
					: json(withField(body, field, 0)).replace(`"${field}":0`, `"${field}":${deep}`);
			return {
				kind: 'deeply nested',
				contentType: 'application/json',
				body: text,
				status: 400,
				code: 'INVALID_BODY'
			};
		});
	const missing = fc
		.tuple(valid, fc.subarray([...required], { minLength: 1 }))
		.map(([body, keys]) => invalid('missing fields', without(body, keys)));
	const otherProtocol = fc
		.tuple(
			valid,
			fc.oneof(
				fc.integer().filter((n) => n !== 1),
				fc.constantFrom(0, 2, 3, -1, Number.MAX_SAFE_INTEGER)
			),
			fc.boolean()
		)
		.map(([body, protocol, breakTheRest]): Case => ({
			kind: 'other protocol version',
			contentType: 'application/json',
			// The version is checked first: a body of another version is not judged by this one.
			body: json(breakTheRest ? { protocol } : withField(body, 'protocol', protocol)),
			status: 426,
			code: 'VERSION_NOT_SUPPORTED'
		}));
	const badProtocol = fc
		.tuple(
			valid,
			wrongType.filter((value) => !isSafeInteger(value)),
			fc.constantFrom(1.5, 0.999, 2 ** 53, 1e21, '1', true, null)
		)
		.chain(([body, anyWrong, nearMiss]) =>
			fc
				.constantFrom(anyWrong, nearMiss)
				.map((p) => invalid('protocol not an integer', withField(body, 'protocol', p)))
		);
	const contentType = fc
		.tuple(
			valid,
			fc.constantFrom(
				null,
				'',
				'text/plain',
				'text/plain;charset=UTF-8',
				'text/json',
				'application/jsonp',
				'application/javascript',
				'application/xml',
				'application/vnd.api+json',
				'application/x-www-form-urlencoded',
				'multipart/form-data; boundary=x',
				'json'
			)
		)
		.map(([body, type]): Case => ({
			kind: 'wrong content type',
			contentType: type,
			body: type === null ? new TextEncoder().encode(json(body)) : json(body),
			status: 415,
			code: 'UNSUPPORTED_MEDIA_TYPE'
		}));
	const tooLarge = fc
		.tuple(
			valid,
			fc.integer({ min: 1, max: 64 * 1024 }),
			fc.constantFrom('spaces', 'field', 'wide', 'junk')
		)
		.map(([body, over, how]): Case => {
			const text = json(body);
			const size = MAX_BODY_BYTES + over;
			let large: string;
			if (how === 'spaces') large = text + ' '.repeat(size - text.length);
			else if (how === 'field') large = json(withField(body, 'appVersion', 'v'.repeat(size)));
			// Fewer characters than the limit, more bytes: the limit is in bytes.
			else if (how === 'wide') {
				large = json(withField(body, 'padding', 'é'.repeat(Math.ceil(size / 2))));
			} else large = 'x'.repeat(size);
			return {
				kind: `too large (${how})`,
				contentType: 'application/json',
				body: large,
				status: 413,
				code: 'BODY_TOO_LARGE'
			};
		});
	return [
		notJson,
		truncated,
		randomBytes,
		topLevel,
		deeplyNested,
		missing,
		otherProtocol,
		badProtocol,
		contentType,
		tooLarge
	];
}

function pushBreaks(valid: fc.Arbitrary<Json>): fc.Arbitrary<Case>[] {
	const fields = pushRequestSchema.shape;
	const topField = fc.oneof(
		valid.chain((body) =>
			fc
				.oneof(wrongType, fc.string({ minLength: 101, maxLength: 200 }))
				.filter(invalidFor(fields.appVersion))
				.map((v) => withField(body, 'appVersion', v))
		),
		fc.tuple(valid, badUuid).map(([body, v]) => withField(body, 'deviceId', v)),
		fc.tuple(valid, badTime).map(([body, v]) => withField(body, 'sentAt', v)),
		fc
			.tuple(valid, fc.oneof(wrongType, fc.constant([])).filter(invalidFor(fields.mutations)))
			.map(([body, v]) => withField(body, 'mutations', v))
	);
	const mutationFields = pushedMutationSchema.shape;
	const badMutationValue: Record<keyof typeof mutationFields, fc.Arbitrary<unknown>> = {
		seq: badCount(mutationFields.seq),
		mutationId: badUuid,
		clientTime: badTime.filter(invalidFor(mutationFields.clientTime)),
		baseVersion: badCount(mutationFields.baseVersion).filter((value) => value !== undefined),
		name: fc
			.oneof(wrongType, fc.constant(''), fc.string({ minLength: 101, maxLength: 150 }))
			.filter(invalidFor(mutationFields.name)),
		argsVersion: badCount(mutationFields.argsVersion),
		args: fc
			.oneof(
				fc.constant(null),
				fc.boolean(),
				fc.integer(),
				fc.string(),
				fc.array(anyJson, { maxLength: 3 })
			)
			.filter(invalidFor(mutationFields.args))
	};
	const inMutation = (change: (mutation: Json) => fc.Arbitrary<unknown>): fc.Arbitrary<Json> =>
		valid.chain((body) => {
			const list = body.mutations as Json[];
			return fc.integer({ min: 0, max: list.length - 1 }).chain((index) =>
				change(list[index]!).map((replaced) =>
					withField(
						body,
						'mutations',
						list.map((mutation, i) => (i === index ? replaced : mutation))
					)
				)
			);
		});
	const mutationField = inMutation((mutation) =>
		fc
			.constantFrom(...(Object.keys(badMutationValue) as (keyof typeof badMutationValue)[]))
			.chain((key) => badMutationValue[key].map((v) => withField(mutation, key, v)))
	);
	const required = Object.entries(mutationFields).flatMap(([key, schema]) =>
		schema.safeParse(undefined).success ? [] : [key]
	);
	const mutationMissing = inMutation((mutation) =>
		fc.subarray(required, { minLength: 1 }).map((keys) => without(mutation, keys))
	);
	const mutationNotObject = inMutation(() =>
		fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(anyJson, { maxLength: 2 }))
	);
	const outOfOrder = valid
		.filter((body) => (body.mutations as Json[]).length >= 2)
		.chain((body) => {
			const list = body.mutations as Json[];
			return fc
				.tuple(
					fc.integer({ min: 1, max: list.length - 1 }),
					fc.oneof(fc.integer({ min: 2, max: 50 }), fc.integer({ min: -3, max: 0 }))
				)
				.map(([index, step]) => {
					const previous = list[index - 1]!.seq as number;
					const seq = Math.max(1, previous + step);
					return withField(
						body,
						'mutations',
						list.map((mutation, i) => (i === index ? { ...mutation, seq } : mutation))
					);
				});
		});
	const tooMany = fc
		.tuple(valid, fc.integer({ min: MAX_PUSH_BATCH + 1, max: MAX_PUSH_BATCH + 40 }))
		.map(([body, count]) => {
			const first = (body.mutations as Json[])[0]!;
			const seq = first.seq as number;
			return withField(
				body,
				'mutations',
				Array.from({ length: count }, (_, i) => ({ ...first, seq: seq + i, mutationId: uuidv7() }))
			);
		});
	const severalWrong = fc
		.tuple(valid, badUuid, badTime, fc.subarray(['appVersion', 'mutations'], { minLength: 1 }))
		.map(([body, deviceId, sentAt, drop]) => without({ ...body, deviceId, sentAt }, drop));
	return [
		...commonBreaks(valid, ['protocol', 'appVersion', 'deviceId', 'sentAt', 'mutations']),
		topField.map((body) => invalid('top-level field wrong', body)),
		mutationField.map((body) => invalid('change field wrong', body)),
		mutationMissing.map((body) => invalid('change field missing', body)),
		mutationNotObject.map((body) => invalid('change not an object', body)),
		outOfOrder.map((body) => invalid('changes out of order', body)),
		tooMany.map((body) => invalid('too many changes', body)),
		severalWrong.map((body) => invalid('several fields wrong', body))
	];
}

function pullBreaks(valid: fc.Arbitrary<Json>): fc.Arbitrary<Case>[] {
	const fields = pullRequestSchema.shape;
	const ref = fc.record({
		id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
		version: fc.integer({ min: 1, max: 50 })
	});
	const badRef = fc
		.oneof(
			wrongType,
			ref.chain((r) =>
				fc.oneof(
					fc.constantFrom('', 'Adult', '1set', 'a set', 'a_set', 'ä').map((id) => ({ ...r, id })),
					badCount(fields.questionSets.element.shape.version).map((version) => ({ ...r, version })),
					fc.constantFrom({ id: r.id }, { version: r.version }, {})
				)
			)
		)
		.filter((value) => !fields.questionSets.element.safeParse(value).success);
	const field = fc.oneof(
		fc.tuple(valid, badUuid).map(([body, v]) => withField(body, 'deviceId', v)),
		fc.tuple(valid, badCount(fields.cursor)).map(([body, v]) => withField(body, 'cursor', v)),
		fc
			.tuple(
				valid,
				fc
					.oneof(
						fc.constantFrom(0, 501, 1000, -1, 1.5, 2 ** 53, '10', null),
						fc.integer({ min: 501 }),
						wrongType
					)
					.filter(invalidFor(fields.limit))
			)
			.map(([body, v]) => withField(body, 'limit', v)),
		fc
			.tuple(valid, wrongType.filter(invalidFor(fields.questionSets)))
			.map(([body, v]) => withField(body, 'questionSets', v)),
		fc
			.tuple(valid, fc.array(badRef, { minLength: 1, maxLength: 3 }))
			.map(([body, refs]) =>
				withField(body, 'questionSets', [...(body.questionSets as Json[]), ...refs])
			),
		fc
			.tuple(valid, fc.array(ref, { minLength: 101, maxLength: 130 }))
			.map(([body, refs]) => withField(body, 'questionSets', refs))
	);
	const cursorOutOfRange = fc
		.tuple(valid, fc.constantFrom(-1, -1000, 0.5, 1.25, 2 ** 53, 2 ** 64, 1e300, -0.0001))
		.map(([body, cursor]) => withField(body, 'cursor', cursor));
	const limitOutOfRange = fc
		.tuple(
			valid,
			fc.oneof(fc.constantFrom(0, 501), fc.integer({ max: 0 }), fc.integer({ min: 501 }))
		)
		.map(([body, limit]) => withField(body, 'limit', limit));
	return [
		...commonBreaks(valid, ['protocol', 'deviceId', 'cursor', 'questionSets']),
		field.map((body) => invalid('field wrong', body)),
		cursorOutOfRange.map((body) => invalid('cursor out of range', body)),
		limitOutOfRange.map((body) => invalid('limit out of range', body))
	];
}

// ---- the database, before and after ----------------------------------------------------------

async function snapshot(db: DatabaseHandle['db']) {
	const [counts, devices, counters] = await Promise.all([
		Promise.all(
			[
				syncDevices,
				syncMutations,
				userChangeCounters,
				conversations,
				answers,
				answerHistory,
				flags
			].map((table) => db.$count(table))
		),
		db.select().from(syncDevices).orderBy(syncDevices.deviceId),
		db.select().from(userChangeCounters).orderBy(userChangeCounters.userId)
	]);
	return { counts, devices, counters };
}

async function expectRefused(response: Response, expected: Case) {
	const text = await response.text();
	expect(response.status, `${expected.kind}: ${text}`).toBe(expected.status);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const body = JSON.parse(text) as Record<string, unknown>;
	expect(body).toEqual(
		expect.objectContaining({ code: expected.code, message: expect.any(String) })
	);
	expect((body.message as string).trim()).not.toBe('');
	if ('issues' in body) {
		expect(body.issues).toEqual(
			expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }])
		);
	}
}

describe.each(testDatabases())('malformed sync bodies on $name', ({ open }) => {
	let user: SessionUser;
	const deviceId = uuidv7();
	const start = startMutation();
	const conversationId = start.args.conversationId;

	beforeAll(async () => {
		server.handle = await open();
		const inspector = await createInspector(server.handle, `malformed-${uuidv7()}@example.test`);
		user = {
			id: inspector.id,
			email: 'malformed@example.test',
			name: 'Malformed bodies',
			role: 'inspector',
			teamId: null,
			region: null
		};
		// Something on the server already, so a request that got through would show.
		const seeded = await send(
			'push',
			user,
			'application/json',
			json({
				protocol: 1,
				appVersion: 'test',
				userId: user.id,
				deviceId,
				sentAt: new Date().toISOString(),
				mutations: [
					{ seq: 1, mutationId: uuidv7(), clientTime: new Date().toISOString(), ...start }
				]
			})
		);
		expect(seeded.status).toBe(200);
	});
	afterAll(async () => {
		await server.handle?.close();
		server.handle = undefined;
	});

	for (const kind of ['push', 'pull'] as const) {
		it(`answers ${RUNS} malformed ${kind} bodies with 4xx {code, message} and changes nothing`, async () => {
			const db = server.handle!.db;
			const valid =
				kind === 'push'
					? validPush(user.id, deviceId, conversationId, 2)
					: validPull(user.id, deviceId);
			const breaks = kind === 'push' ? pushBreaks(valid) : pullBreaks(valid);
			const schema = kind === 'push' ? pushRequestSchema : pullRequestSchema;
			const before = await snapshot(db);
			const seen = new Map<string, number>();
			await fc.assert(
				fc.asyncProperty(fc.oneof(...breaks), async (sent) => {
					const family = sent.kind.replace(/ \(.*\)$/, '');
					seen.set(family, (seen.get(family) ?? 0) + 1);
					if (sent.status === 400 && sent.code === 'INVALID_BODY') {
						// The generator's own check: this body really is not a valid request.
						expect(schema.safeParse(JSON.parse(sent.body as string)).success).toBe(false);
					}
					await expectRefused(await send(kind, user, sent.contentType, sent.body), sent);
				}),
				{ numRuns: RUNS, seed: SEED, endOnFailure: true }
			);
			expect(await snapshot(db)).toEqual(before);
			expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
			for (const [family, count] of seen) expect(count, family).toBeGreaterThanOrEqual(10);
			expect(seen.size).toBe(breaks.length);
		});
	}

	it('refuses a body for another person’s device database (401) and one holding a NUL character (400)', async () => {
		const db = server.handle!.db;
		const before = await snapshot(db);
		const [push] = fc.sample(validPush(user.id, deviceId, conversationId, 2), {
			numRuns: 1,
			seed: SEED
		}) as [Record<string, unknown>];
		const someoneElse = await send(
			'push',
			user,
			'application/json',
			json({ ...push, userId: uuidv7() })
		);
		expect(someoneElse.status).toBe(401);
		expect(await someoneElse.json()).toMatchObject({ code: 'SIGNED_IN_AS_SOMEONE_ELSE' });
		const withNul = await send(
			'push',
			user,
			'application/json',
			json({ ...push, appVersion: 'v\u0000' })
		);
		expect(withNul.status).toBe(400);
		expect(await snapshot(db)).toEqual(before);
	});

	it('takes well-formed bodies: the generators start from valid requests, and the route applies one', async () => {
		const db = server.handle!.db;
		for (const body of fc.sample(validPush(user.id, deviceId, conversationId, 2), {
			numRuns: 100,
			seed: SEED
		})) {
			expect(pushRequestSchema.safeParse(body).success).toBe(true);
			const read = await readSyncRequest(
				event('push', user, 'application/json', json(body)),
				pushRequestSchema
			);
			expect(read.ok).toBe(true);
		}
		for (const body of fc.sample(validPull(user.id, deviceId), { numRuns: 100, seed: SEED })) {
			expect(pullRequestSchema.safeParse(body).success).toBe(true);
		}

		const before = await snapshot(db);
		const [push] = fc.sample(validPush(user.id, deviceId, conversationId, 2), {
			numRuns: 1,
			seed: SEED
		});
		// Exactly at the size limit, padded with whitespace, is still taken.
		const text = json(push);
		const response = await send(
			'push',
			user,
			'application/json; charset=utf-8',
			text + ' '.repeat(MAX_BODY_BYTES - new TextEncoder().encode(text).byteLength)
		);
		expect(response.status).toBe(200);
		const taken = (await response.json()) as { lastSeq: number; results: { status: string }[] };
		const count = (push!.mutations as unknown[]).length;
		expect(taken.lastSeq).toBe(1 + count);
		expect(taken.results.map((result) => result.status)).toEqual(Array(count).fill('applied'));
		const after = await snapshot(db);
		expect(after.counts).not.toEqual(before.counts);
		expect(after.devices.find((row) => row.deviceId === deviceId)?.lastSeq).toBe(1 + count);

		const pulled = await send(
			'pull',
			user,
			'application/json',
			json({ protocol: 1, userId: user.id, deviceId, cursor: 0, questionSets: [] })
		);
		expect(pulled.status).toBe(200);
		const page = (await pulled.json()) as { conversations: { id: string }[]; lastSeq: number };
		expect(page.conversations.map((conversation) => conversation.id)).toEqual([conversationId]);
		expect(page.lastSeq).toBe(1 + count);
		expect(await snapshot(db)).toEqual(after);
	});

	it(`refuses ${POISON_RUNS} changes that pass the envelope but no database could store, one change at a time, and the queue goes on`, async () => {
		const db = server.handle!.db;
		const device = async () =>
			(await db.select().from(syncDevices).where(eq(syncDevices.deviceId, deviceId)))[0]!;
		const seen = new Map<string, number>();
		await fc.assert(
			fc.asyncProperty(poisoned(conversationId), fc.string(), async ({ kind, change }, notes) => {
				seen.set(kind, (seen.get(kind) ?? 0) + 1);
				const seq = (await device()).lastSeq + 1;
				const next = {
					seq: seq + 1,
					mutationId: uuidv7(),
					clientTime: new Date().toISOString(),
					baseVersion: 0,
					name: 'answer.set',
					argsVersion: 2,
					args: {
						conversationId,
						questionId: '2.1',
						answer: answer('yes', notes)
					}
				};
				const body = {
					protocol: 1,
					appVersion: 'test',
					userId: user.id,
					deviceId,
					sentAt: new Date().toISOString(),
					mutations: [{ ...change, seq, mutationId: uuidv7() }, next]
				};
				expect(pushRequestSchema.safeParse(body).success, kind).toBe(true);
				const response = await send('push', user, 'application/json', json(body));
				const text = await response.text();
				expect(response.status, `${kind}: ${text}`).toBe(200);
				const answered = JSON.parse(text) as PushResponse;
				expect(answered.lastSeq, kind).toBe(seq + 1);
				expect(answered.results[0], kind).toMatchObject({
					seq,
					status: 'rejected',
					code: kind === 'args version too large' ? 'UNSUPPORTED_ARGS_VERSION' : 'INVALID_ARGS'
				});
				expect(answered.results[1], kind).toMatchObject({ seq: seq + 1, status: 'applied' });
			}),
			{ numRuns: POISON_RUNS, seed: SEED, endOnFailure: true }
		);
		for (const kind of POISON_KINDS) expect(seen.get(kind), kind).toBeGreaterThanOrEqual(10);
		const stored = await db
			.select({ status: syncMutations.status })
			.from(syncMutations)
			.where(eq(syncMutations.deviceId, deviceId));
		expect(stored.filter((row) => row.status === 'rejected')).toHaveLength(POISON_RUNS);
	});
});

// ---- changes that pass the envelope but no database could store ------------------------------

const POISON_RUNS = 150;
const POISON_KINDS = [
	'lone surrogate in notes',
	'NUL in notes',
	'args version too large',
	'change made outside the years a database holds',
	'conversation started outside those years'
] as const;

function poisoned(conversationId: string) {
	const outOfRange = fc
		.oneof(fc.integer({ min: 0, max: 1899 }), fc.integer({ min: 3000, max: 9999 }))
		.map((year) => `${String(year).padStart(4, '0')}-06-01T12:00:00.000Z`);
	const answerSet = (args: Json, extra: Json = {}) => ({
		clientTime: new Date().toISOString(),
		baseVersion: 0,
		name: 'answer.set',
		argsVersion: 2,
		args: { conversationId, questionId: '1.1', ...args },
		...extra
	});
	const notesWith = (broken: fc.Arbitrary<string>) =>
		fc
			.tuple(fc.string({ maxLength: 10 }), broken, fc.string({ maxLength: 10 }))
			.map(([before, bad, after]) =>
				answerSet({ answer: answer('yes', `${before}${bad}${after}`) })
			);
	const kinds: Record<(typeof POISON_KINDS)[number], fc.Arbitrary<Json>> = {
		'lone surrogate in notes': notesWith(
			fc.oneof(
				fc.integer({ min: 0xd800, max: 0xdbff }).map((unit) => `${String.fromCharCode(unit)}x`),
				fc.integer({ min: 0xdc00, max: 0xdfff }).map((unit) => String.fromCharCode(unit))
			)
		),
		'NUL in notes': notesWith(fc.constant('\u0000')),
		'args version too large': fc
			.oneof(
				fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 53 - 1),
				fc.maxSafeNat().map((n) => Math.max(n, 2 ** 31))
			)
			.map((argsVersion) => answerSet({ answer: answer('yes') }, { argsVersion })),
		'change made outside the years a database holds': outOfRange.map((clientTime) =>
			answerSet({ answer: answer('yes') }, { clientTime })
		),
		'conversation started outside those years': outOfRange.map((startedAt) => {
			const start = startMutation();
			return {
				clientTime: new Date().toISOString(),
				...start,
				args: { ...start.args, startedAt }
			};
		})
	};
	return fc.oneof(...POISON_KINDS.map((kind) => kinds[kind].map((change) => ({ kind, change }))));
}
