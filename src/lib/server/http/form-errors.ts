import type { z } from 'zod';

export type FieldError = { field: string; message: string };

/** A zod failure as one message per field, in form order, for an error summary. */
export function fieldErrors(error: z.ZodError): FieldError[] {
	const seen = new Set<string>();
	return error.issues.flatMap((issue) => {
		const field = issue.path.join('.') || 'form';
		if (seen.has(field)) return [];
		seen.add(field);
		return [{ field, message: issue.message }];
	});
}

/** Where to go after signing in: only a path on this site, never another site. */
export function safeReturnTo(value: string | null, fallback: string): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
		? value
		: fallback;
}
