import { z } from 'zod';
import {
	pullResponseSchema,
	pushResponseSchema,
	type PullRequest,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/sync-protocol.schema';

/** Why a sync request did not succeed, in the terms the device acts on. */
export type SyncFailure =
	/** No answer: offline, timed out, or the server is down or busy (5xx). Try again later. */
	| { kind: 'unreachable'; message: string }
	/** The session has ended: pause until the person signs in again. */
	| { kind: 'signed-out'; message: string }
	/** The server no longer speaks this app's protocol: keep everything, ask for an update. */
	| { kind: 'update-needed'; message: string }
	/** The server refused the request itself (403, 4xx); retrying the same request will not help. */
	| { kind: 'refused'; message: string };

export type TransportResult<T> = { ok: true; body: T } | { ok: false; failure: SyncFailure };

export type SyncTransport = {
	push(request: PushRequest): Promise<TransportResult<PushResponse>>;
	pull(request: PullRequest): Promise<TransportResult<PullResponse>>;
};

const errorBodySchema = z.object({ code: z.string(), message: z.string() });
const TIMEOUT_MS = 30_000;

/** The transport of the app: JSON over HTTPS to the sync routes, with the session cookie. */
export function httpTransport(fetcher: typeof fetch = fetch): SyncTransport {
	async function post<T>(path: string, body: unknown, schema: z.ZodType<T>) {
		let response: Response;
		try {
			response = await fetcher(path, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				credentials: 'same-origin',
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(TIMEOUT_MS)
			});
		} catch {
			return failure('unreachable', 'No connection to the server.');
		}
		const data: unknown = await response.json().catch(() => undefined);
		if (response.ok) {
			const parsed = schema.safeParse(data);
			if (parsed.success) return { ok: true as const, body: parsed.data };
			return failure('unreachable', 'The server sent an answer this app could not read.');
		}
		const message =
			errorBodySchema.safeParse(data).data?.message ?? `Server error ${response.status}.`;
		if (response.status === 401) return failure('signed-out', message);
		if (response.status === 426) return failure('update-needed', message);
		if (response.status >= 500 || response.status === 408 || response.status === 429) {
			return failure('unreachable', message);
		}
		return failure('refused', message);
	}
	return {
		push: (request) => post('/api/sync/push', request, pushResponseSchema),
		pull: (request) => post('/api/sync/pull', request, pullResponseSchema)
	};
}

function failure(kind: SyncFailure['kind'], message: string) {
	return { ok: false as const, failure: { kind, message } as SyncFailure };
}
