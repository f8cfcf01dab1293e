import { json, type Handle } from '@sveltejs/kit';
import { statusFor, type RefusalCode } from '$lib/domain/refusal-code.schema';

/** The one shape of every API error: `{code, message, issues?}`. */
export type ApiErrorBody = {
	code: RefusalCode;
	message: string;
	issues?: { path: string; message: string }[];
};

/** An API error, answered with the one status its code has. */
export function apiError(body: ApiErrorBody, headers?: Record<string, string>): Response {
	return json(body, { status: statusFor(body.code), headers });
}

export const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

const CODES: Record<number, { code: RefusalCode; message: string }> = {
	404: { code: 'NOT_FOUND', message: 'There is nothing at this address' },
	405: { code: 'METHOD_NOT_ALLOWED', message: 'This address does not take that method' },
	413: { code: 'BODY_TOO_LARGE', message: 'The request body is too large' },
	500: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' }
};

/**
 * Every API error answers JSON, including the ones SvelteKit writes itself (a method an endpoint
 * does not have answers plain text there): its body is replaced, its status and headers kept,
 * since SvelteKit chose the status before any code was.
 */
export const apiErrorsAsJson: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const type = response.headers.get('content-type') ?? '';
	if (!isApiPath(event.url.pathname) || response.status < 400 || type.includes('json')) {
		return response;
	}
	const known = CODES[response.status] ?? {
		code: response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
		message: 'That request could not be handled'
	};
	const allowed = response.headers.get('allow');
	const body: ApiErrorBody =
		response.status === 405
			? {
					code: known.code,
					message: `This address does not take ${event.request.method}${allowed ? `; it takes ${allowed}` : ''}`
				}
			: known;
	await response.body?.cancel();
	const headers = new Headers(response.headers);
	headers.set('content-type', 'application/json');
	headers.delete('content-length');
	return new Response(JSON.stringify(body), { status: response.status, headers });
};
