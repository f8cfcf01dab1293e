/**
 * Shared by the sync benchmark parts: a device's queued changes as it uploads them, push requests,
 * signing in and pushing over HTTP, and scratch PostgreSQL databases made and dropped per run.
 */
import postgres from 'postgres';
import { ANSWER_CHANGES, type Mutation } from '$lib/domain/conversation/mutation.schema';
import { uuidv7, type ConversationId } from '$lib/domain/ids';
import { allQuestions } from '$lib/domain/question-sets/question-sets';
import {
	PROTOCOL_VERSION,
	type PushedMutation,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/sync-protocol.schema';
import { openDatabase, type DatabaseHandle } from '$lib/server/db/database';
import { answer, questionSetFor, startMutation } from '$lib/testing/factories';
import type { Figure } from './figures';

export const APP_VERSION = 'bench';
/** A demo account on a fresh embedded database (README, "Signing in and the demo accounts"). */
export const DEMO_INSPECTOR = { email: 'inspector@example.test', password: 'demo-password' };

const QUESTIONS = allQuestions(questionSetFor());
const SEVERITIES = ['low', 'medium', 'high'] as const;

/**
 * The i-th edit of a conversation: answer.set cycling over the question set's questions, each
 * time with the next option and different notes; every `flagEvery`th edit (when > 0) a flag.set.
 */
export function editChange(conversationId: ConversationId, i: number, flagEvery = 0): Mutation {
	const question = QUESTIONS[i % QUESTIONS.length]!;
	if (flagEvery > 0 && i % flagEvery === flagEvery - 1) {
		return {
			name: 'flag.set',
			argsVersion: 1,
			args: {
				conversationId,
				questionId: question.id,
				flag: {
					severity: SEVERITIES[i % SEVERITIES.length]!,
					reason: `Benchmark concern ${i}: staffing below the planned level on night shifts.`,
					raisedBy: 'inspector',
					status: 'raised'
				}
			}
		};
	}
	const option = question.options[Math.floor(i / QUESTIONS.length) % question.options.length]!;
	return {
		name: 'answer.set',
		argsVersion: 2,
		args: {
			conversationId,
			questionId: question.id,
			answer: answer(
				option.id,
				`Note ${i}: discussed with the registered manager; follow up at the next call.`
			)
		}
	};
}

/** A change as the device queues and uploads it. */
export function queued(mutation: Mutation, seq: number, clientTime = new Date()): PushedMutation {
	return {
		seq,
		mutationId: uuidv7(clientTime.getTime()),
		clientTime: clientTime.toISOString(),
		...(ANSWER_CHANGES.has(mutation.name) ? { baseVersion: 0 } : {}),
		name: mutation.name,
		argsVersion: mutation.argsVersion,
		args: mutation.args as Record<string, unknown>
	};
}

/**
 * `count` changes waiting on one device, seq 1 to `count`: `conversations` conversation.starts,
 * then edits of those conversations in turn (see `editChange`), made a second apart ending an
 * hour ago.
 */
export function waitingChanges(count: number, conversations = 1, flagEvery = 25): PushedMutation[] {
	const ids: ConversationId[] = [];
	const firstTime = Date.now() - 3_600_000 - count * 1000;
	const changes: PushedMutation[] = [];
	for (let i = 0; i < count; i++) {
		const at = new Date(firstTime + i * 1000);
		if (i < conversations) {
			const start = startMutation();
			ids.push(start.args.conversationId);
			changes.push(queued(start, i + 1, at));
			continue;
		}
		const edit = Math.floor((i - conversations) / conversations) + 1;
		const mutation = editChange(ids[(i - conversations) % conversations]!, edit, flagEvery);
		changes.push(queued(mutation, i + 1, at));
	}
	return changes;
}

export function pushRequest(
	userId: string,
	deviceId: string,
	mutations: PushedMutation[]
): PushRequest {
	return {
		protocol: PROTOCOL_VERSION,
		appVersion: APP_VERSION,
		userId,
		deviceId,
		sentAt: new Date().toISOString(),
		mutations
	};
}

/** Why a push response does not acknowledge every change of `batch` as applied; undefined if it does. */
export function notAllApplied(batch: PushedMutation[], response: PushResponse): string | undefined {
	const last = batch[batch.length - 1]!.seq;
	if (response.gap) return 'gap';
	if (response.lastSeq !== last) return `lastSeq ${response.lastSeq}, expected ${last}`;
	if (response.results.length !== batch.length) {
		return `${response.results.length} results for ${batch.length} changes`;
	}
	const refused = response.results.find((result) => result.status !== 'applied');
	return refused ? `seq ${refused.seq} ${refused.status} ${refused.code ?? ''}`.trim() : undefined;
}

/** A PostgreSQL database of its own next to `url`'s, and a way to drop it. */
export async function scratchPostgres(
	url: string
): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `esf_bench_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = postgres(url, { max: 1, onnotice: () => undefined });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		await admin.end();
		throw error;
	}
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		drop: async () => {
			try {
				await admin.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await admin.end();
			}
		}
	};
}

/** A fresh PostgreSQL database with the app's schema, dropped on close (as the tests make them). */
export async function openScratchPostgres(url: string): Promise<DatabaseHandle> {
	const scratch = await scratchPostgres(url);
	let handle: DatabaseHandle;
	try {
		handle = await openDatabase({ url: scratch.url });
	} catch (error) {
		await scratch.drop();
		throw error;
	}
	return {
		...handle,
		close: async () => {
			try {
				await handle.close();
			} finally {
				await scratch.drop();
			}
		}
	};
}

export type HttpSession = { cookie: string; userId: string };

/** Signs in through POST /api/session and keeps the session cookie. */
export async function signInOverHttp(
	baseUrl: string,
	account: { email: string; password: string } = DEMO_INSPECTOR
): Promise<HttpSession> {
	const response = await fetch(`${baseUrl}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(account)
	});
	if (!response.ok) {
		throw new Error(`Sign-in answered ${response.status}: ${await response.text()}`);
	}
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0]!)
		.join('; ');
	const { user } = (await response.json()) as { user: { id: string } };
	if (!cookie) throw new Error('Sign-in set no cookie');
	return { cookie, userId: user.id };
}

export type HttpPushOutcome =
	{ ok: true; response: PushResponse } | { ok: false; error: string; status?: number };

/** POST /api/sync/push with the session cookie, as the device's transport sends it. */
export async function pushOverHttp(
	baseUrl: string,
	session: HttpSession,
	request: PushRequest
): Promise<HttpPushOutcome> {
	let response: Response;
	let text: string;
	try {
		response = await fetch(`${baseUrl}/api/sync/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: session.cookie },
			body: JSON.stringify(request)
		});
		text = await response.text();
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		return { ok: false, error: `network: ${cause?.code ?? cause?.message ?? String(error)}` };
	}
	if (response.status !== 200) {
		let code = '';
		try {
			code = (JSON.parse(text) as { code?: string }).code ?? '';
		} catch {
			// Not JSON.
		}
		return { ok: false, status: response.status, error: `HTTP ${response.status} ${code}`.trim() };
	}
	return { ok: true, response: JSON.parse(text) as PushResponse };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One line per figure, so a run's figures are in its output even if results files are rewritten. */
export function logFigures(log: (line: string) => void, figures: Figure[]): void {
	const round = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));
	for (const figure of figures) {
		const { measured, baseline } = figure;
		log(
			[
				`${figure.key}: ${round(measured.median)} / ${round(measured.p95)} ${figure.unit} (n ${measured.n})`,
				baseline
					? `baseline ${round(baseline.median)} / ${round(baseline.p95)} (n ${baseline.n})`
					: '',
				figure.ratio === undefined ? '' : `ratio ${figure.ratio.toFixed(2)}`,
				figure.target
					? `target ${figure.target.text}: ${figure.target.met ? 'met' : 'NOT MET'}`
					: ''
			]
				.filter(Boolean)
				.join(', ')
		);
	}
}
