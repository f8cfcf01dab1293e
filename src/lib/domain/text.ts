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
