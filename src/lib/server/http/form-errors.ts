import { refuseTooLarge } from './body-limit';
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

/**
 * Where to go after signing in: only a path on this site, never another site. The address is
 * normalised first, as a browser would, so "/..//evil.example" and "/%2e%2e//evil.example",
 * which resolve to "//evil.example", are refused too.
 */
export function safeReturnTo(value: string | null, fallback: string): string {
	// Browsers drop tabs and line breaks from addresses, so "/\t/evil.example" would leave the site.
	const hasControlCharacter = [...(value ?? '')].some(
		(char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127
	);
	if (!value || !value.startsWith('/') || value.includes('\\') || hasControlCharacter) {
		return fallback;
	}
	const base = 'http://this.site';
	const target = new URL(value, base);
	const path = target.pathname + target.search + target.hash;
	// A path starting with two slashes (or a slash and a backslash) is another site to a browser.
	const leavesSite = target.origin !== base || /^\/[/\\]/.test(path);
	return leavesSite ? fallback : path;
}

/**
 * A form body, or null when it cannot be read (a malformed multipart body, say). A body over the
 * route's limit shows the error page with status 413.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (caught) {
		refuseTooLarge(caught);
		return null;
	}
}
