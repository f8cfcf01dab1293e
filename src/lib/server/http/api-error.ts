import { json } from '@sveltejs/kit';

/** The one shape of every API error: `{code, message, issues?}`. */
export type ApiErrorBody = {
	code: string;
	message: string;
	issues?: { path: string; message: string }[];
};

export function apiError(
	status: number,
	body: ApiErrorBody,
	headers?: Record<string, string>
): Response {
	return json(body, { status, headers });
}

export const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');
