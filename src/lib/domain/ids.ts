import { z } from 'zod';

/** Time-ordered UUID (version 7): sorts by creation time, unique without coordination. */
export function uuidv7(now: number = Date.now()): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	const time = BigInt(now);
	for (let i = 0; i < 6; i++) {
		bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
	}
	bytes[6] = (bytes[6]! & 0x0f) | 0x70;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The one test of an id's form, so an address a matcher lets through is one the schemas take. */
export const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;

export const conversationIdSchema = z
	.uuid()
	.brand<'ConversationId'>()
	.meta({ description: 'The conversation, named by the device.' });
export type ConversationId = z.infer<typeof conversationIdSchema>;

export const questionIdSchema = z
	.string()
	.regex(/^[1-4]\.\d{1,2}$/, 'question ids look like 1.2')
	.brand<'QuestionId'>()
	.meta({ description: 'The question, such as "1.2"; the first part is the area.' });
export type QuestionId = z.infer<typeof questionIdSchema>;

/** A new conversation's id, time-ordered. */
export const newConversationId = (): ConversationId => uuidv7() as ConversationId;

/** Checks a conversation id from outside the types (an address, a form, a stored key). */
export const conversationIdFrom = (id: string): ConversationId => conversationIdSchema.parse(id);
export const questionIdFrom = (id: string): QuestionId => questionIdSchema.parse(id);

/** The entries of a record kept by question id, its keys typed as question ids. */
export const byQuestion = <T>(record: Readonly<Record<string, T>>): Array<[QuestionId, T]> =>
	Object.entries(record) as Array<[QuestionId, T]>;

/** The id of one question's answer or flag within a conversation, on the server and in reviews. */
export const questionRowId = (conversationId: ConversationId, questionId: QuestionId): string =>
	`${conversationId}:${questionId}`;
