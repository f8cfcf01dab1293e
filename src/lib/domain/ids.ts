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

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of one question's answer or flag within a conversation, on the server and in reviews. */
export const questionRowId = (conversationId: string, questionId: string): string =>
	`${conversationId}:${questionId}`;
