/**
 * Who wins when two devices changed the same answer without seeing each other's change: the
 * later writer by corrected clock, then the larger device id, so every server and every replay
 * decides the same way. Clocks are corrected by the device's own offset from the server's and
 * never allowed ahead of the server (nor years behind it), so a device with a wrong clock cannot
 * win every conflict.
 */
import type { Answer } from '$lib/domain/conversation/conversation.schema';

/** Older than this is a broken clock, not a long spell offline. */
const MAX_AGE_MS = 5 * 365 * 24 * 3600 * 1000;

export type Writer = { hlc: Date; deviceId: string };

/** The time a change was made, on the server's clock. */
export function correctedClientTime(clientTime: string, sentAt: string, serverNow: Date): Date {
	const offset = serverNow.getTime() - Date.parse(sentAt);
	const corrected = Date.parse(clientTime) + offset;
	const earliest = serverNow.getTime() - MAX_AGE_MS;
	return new Date(Math.max(earliest, Math.min(corrected, serverNow.getTime())));
}

export function writerWins(incoming: Writer, current: Writer): boolean {
	const difference = incoming.hlc.getTime() - current.hlc.getTime();
	if (difference !== 0) return difference > 0;
	return incoming.deviceId > current.deviceId;
}

export function sameAnswer(a: Answer | null, b: Answer | null): boolean {
	if (a === null || b === null) return a === b;
	return (
		a.optionId === b.optionId &&
		a.notes === b.notes &&
		a.evidence.length === b.evidence.length &&
		a.evidence.every((item, i) => item === b.evidence[i])
	);
}
