import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { apiError } from './api-error';
import { bodyTooLargeMessage, MAX_BODY_BYTES } from './body-limit';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads a JSON request body and checks it with `schema`. Anything wrong answers 4xx with a plain
 * reason and changes nothing: the wrong content type (415), too large (413), not JSON (400) or
 * not the expected shape (400, with each problem listed).
 */
export async function parseJsonBody<T extends z.ZodType>(
	event: RequestEvent,
	schema: T,
	maxBytes = MAX_BODY_BYTES
): Promise<Parsed<z.infer<T>>> {
	const contentType = event.request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(contentType)) {
		return {
			ok: false,
			response: apiError({
				code: 'UNSUPPORTED_MEDIA_TYPE',
				message: 'Send the body as JSON, with Content-Type: application/json'
			})
		};
	}
	// The body-limit hook stops reading at the route's limit; this limit may be lower still.
	let text: string;
	try {
		text = await event.request.text();
	} catch {
		return { ok: false, response: tooLarge(maxBytes) };
	}
	if (new TextEncoder().encode(text).byteLength > maxBytes) {
		return { ok: false, response: tooLarge(maxBytes) };
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return {
			ok: false,
			response: apiError({
				code: 'MALFORMED_JSON',
				message: 'The request body is not valid JSON'
			})
		};
	}
	return checkBody(data, schema);
}

/** Checks parsed JSON with `schema`; a mismatch answers 400 with each problem listed. */
export function checkBody<T extends z.ZodType>(data: unknown, schema: T): Parsed<z.infer<T>> {
	const parsed = schema.safeParse(data);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((issue) => ({
			path: issue.path.join('.'),
			message: issue.message
		}));
		return {
			ok: false,
			response: apiError({
				code: 'INVALID_BODY',
				message: issues[0]?.message ?? 'The request body is not valid',
				issues
			})
		};
	}
	return { ok: true, value: parsed.data };
}

function tooLarge(maxBytes: number) {
	return apiError({
		code: 'BODY_TOO_LARGE',
		message: bodyTooLargeMessage(maxBytes)
	});
}
