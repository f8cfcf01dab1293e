/**
 * Who wins when two devices changed the same answer without seeing each other's change: the
 * later writer by corrected clock, then the larger device id, so every server and every replay
 * decides the same way. Clocks are corrected by the device's own offset from the server's and
 * never allowed ahead of the server (nor years behind it), so a device with a wrong clock cannot
 * win every conflict. A change writes an answer when `answerWritten` (the domain) says so.
 */
import type { QuestionId } from '$lib/domain/ids';
import type { Answer } from '$lib/domain/conversation/conversation.schema';
import { answerWritten, type Mutation } from '$lib/domain/conversation/mutation.schema';
import { sameAnswer } from '../conversations/changes';
import type { StoredConversation } from '../conversations/rows';

/** Older than this is a broken clock, not a long spell offline. */
const MAX_AGE_MS = 5 * 365 * 24 * 3600 * 1000;

export type Writer = { writtenAt: Date; deviceId: string };

/** The time a change was made, on the server's clock. */
export function correctedClientTime(clientTime: string, sentAt: string, serverNow: Date): Date {
	const offset = serverNow.getTime() - Date.parse(sentAt);
	const corrected = Date.parse(clientTime) + offset;
	const earliest = serverNow.getTime() - MAX_AGE_MS;
	return new Date(Math.max(earliest, Math.min(corrected, serverNow.getTime())));
}

export function writerWins(incoming: Writer, current: Writer): boolean {
	const difference = incoming.writtenAt.getTime() - current.writtenAt.getTime();
	if (difference !== 0) return difference > 0;
	return incoming.deviceId > current.deviceId;
}

/** What a change writes to one answer (null clears it); undefined for the other changes. */
export type AnswerWrite = { questionId: QuestionId; baseVersion: number; value: Answer | null };

export function answerWriteOf(mutation: Mutation, baseVersion: number): AnswerWrite | undefined {
	const written = answerWritten(mutation);
	return written && { ...written, baseVersion };
}

/**
 * 'none' when the write was based on the answer as it stands (or came from the device that wrote
 * it last, or writes the same value); otherwise whether it wins over the answer it did not see.
 */
export function answerConflict(
	stored: StoredConversation,
	write: AnswerWrite,
	writer: Writer
): 'none' | 'wins' | 'loses' {
	const stamp = stored.answers[write.questionId];
	if (!stamp) return 'none';
	const current = stored.conversation.answers[write.questionId] ?? null;
	const stale =
		stamp.version !== write.baseVersion &&
		stamp.deviceId !== writer.deviceId &&
		!sameAnswer(current, write.value);
	if (!stale) return 'none';
	return writerWins(writer, { writtenAt: stamp.writtenAt, deviceId: stamp.deviceId })
		? 'wins'
		: 'loses';
}
