/**
 * The most a request body may hold, by route, applied to every request before any endpoint or
 * form action runs: a Content-Length over the limit is refused before a byte is read, and a body
 * without one is read only up to the limit. Either way the rest is dropped unread, never kept.
 */
import { error, type Handle } from '@sveltejs/kit';
import { MAX_SYNC_BODY_BYTES } from '$lib/domain/sync/sync-protocol.schema';
import { apiError, isApiPath } from './api-error';

export const MAX_BODY_BYTES = 256 * 1024;
/** A directory CSV as the regulator publishes it is about 15 MB. */
export const MAX_DIRECTORY_FILE_BYTES = 16 * 1024 * 1024;

/** Routes that take more than MAX_BODY_BYTES. */
const BODY_LIMITS: Record<string, number> = {
	'/api/sync/push': MAX_SYNC_BODY_BYTES,
	'/(admin)/admin/directory': MAX_DIRECTORY_FILE_BYTES
};

export const bodyLimitFor = (routeId: string | null): number =>
	(routeId && BODY_LIMITS[routeId]) || MAX_BODY_BYTES;

/** Thrown by a body read past its route's limit. */
export class BodyTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(bodyTooLargeMessage(limit));
	}
}

export const bodyTooLargeMessage = (limit: number) =>
	limit >= 1024 * 1024
		? `The request body must be ${limit / 1024 / 1024} MB or smaller`
		: `The request body must be ${limit / 1024} KB or smaller`;

/** For form actions: a body over the limit shows the error page with status 413. */
export function refuseTooLarge(caught: unknown): void {
	if (caught instanceof BodyTooLargeError) {
		error(413, { message: caught.message, code: 'BODY_TOO_LARGE' });
	}
}

/**
 * A client still sending a refused body after this long is cut off; until then the rest is read
 * and dropped, so the client can read the 413 and the connection stays usable.
 */
const DISCARD_MS = 5_000;

export const limitBody: Handle = async ({ event, resolve }) => {
	const { body } = event.request;
	if (!body) return resolve(event);
	const limit = bodyLimitFor(event.route.id);
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > limit && isApiPath(event.url.pathname)) {
		discardRest(body);
		return apiError({ code: 'BODY_TOO_LARGE', message: bodyTooLargeMessage(limit) });
	}
	let exceeded = declared > limit;
	let seen = 0;
	const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
		start(controller) {
			if (exceeded) controller.error(new BodyTooLargeError(limit));
		},
		transform(chunk, controller) {
			seen += chunk.byteLength;
			if (seen > limit) {
				exceeded = true;
				controller.error(new BodyTooLargeError(limit));
			} else controller.enqueue(chunk);
		}
	});
	// Not cancelled when the limit is passed: cancelling drops the connection before the 413.
	const piped = body.pipeTo(writable, { preventCancel: true }).catch(() => undefined);
	const { request } = event;
	event.request = new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: readable,
		signal: request.signal,
		// @ts-expect-error Node's fetch needs this for a streamed body; the DOM types lack it.
		duplex: 'half'
	});
	const response = await resolve(event);
	if (exceeded) void piped.then(() => discardRest(body));
	return response;
};

function discardRest(body: ReadableStream<Uint8Array>): void {
	const reader = body.getReader();
	const cutOff = setTimeout(() => void reader.cancel().catch(() => undefined), DISCARD_MS);
	void (async () => {
		try {
			while (!(await reader.read()).done);
		} catch {
			// Cut off, or the connection went: either way nothing more is read.
		} finally {
			clearTimeout(cutOff);
		}
	})();
}
