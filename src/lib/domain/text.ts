import { z } from 'zod';

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text, nor half of a UTF-16 surrogate pair
 * (an emoji cut in two), so text that holds either could never be kept: every schema of text
 * that reaches the database refuses them with these messages. A form keeps such text as its
 * draft, with the message, and the device never queues a change the server could not store.
 */
export const NUL_MESSAGE = 'Remove the unreadable character (NUL)';
export const SURROGATE_MESSAGE =
	'Remove the broken character (half of an emoji or symbol) and type it again';

export const hasNoNul = (text: string): boolean => !text.includes('\u0000');

export const LONE_SURROGATE =
	/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasNoLoneSurrogate = (text: string): boolean => !LONE_SURROGATE.test(text);

/** The first text in `value` (keys included) the databases cannot store, and why. */
export function unstorableTextIn(value: unknown): 'nul' | 'surrogate' | null {
	const problem = (text: string) =>
		!hasNoNul(text) ? 'nul' : !hasNoLoneSurrogate(text) ? 'surrogate' : null;
	const stack = [value];
	while (stack.length > 0) {
		const current = stack.pop();
		if (typeof current === 'string' && problem(current)) return problem(current);
		if (current && typeof current === 'object') {
			for (const [key, child] of Object.entries(current)) {
				if (problem(key)) return problem(key);
				stack.push(child);
			}
		}
	}
	return null;
}

/** `value` with every character the databases cannot store replaced by U+FFFD, to keep a record of it. */
export function storableCopy(value: unknown): unknown {
	if (typeof value === 'string') return storableText(value);
	if (Array.isArray(value)) return value.map(storableCopy);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, child]) => [storableText(key), storableCopy(child)])
		);
	}
	return value;
}

const storableText = (text: string): string =>
	text.replaceAll('\u0000', '\ufffd').replace(new RegExp(LONE_SURROGATE, 'g'), '\ufffd');

/** `schema` refusing text the databases cannot store. */
export const storable = (schema: z.ZodString) =>
	schema.refine(hasNoNul, NUL_MESSAGE).refine(hasNoLoneSurrogate, SURROGATE_MESSAGE);

/** Lower case, apostrophes dropped and other punctuation read as a space: "Cobbler's" is "cobblers". */
export const foldForSearch = (value: string): string =>
	value
		.toLowerCase()
		.replace(/['’‘`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
