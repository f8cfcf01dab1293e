import { format, formatDistanceToNow } from 'date-fns';
import { callDateTime } from '$lib/domain/conversation/call-time';
import type { CallDetails } from '$lib/domain/conversation/conversation.schema';

export function formatCallTime(details: CallDetails): string {
	const at = callDateTime(details);
	return at ? format(at, "d MMMM yyyy 'at' HH:mm") : 'Not recorded';
}

/** "5 minutes ago": how long since a change, for lists. */
export function formatRelative(iso: string, now: Date = new Date()): string {
	const date = new Date(iso);
	return date.getTime() > now.getTime()
		? 'just now'
		: formatDistanceToNow(date, { addSuffix: true });
}

export const EVIDENCE_LABELS = {
	'screen-share': 'Screen share',
	email: 'Email attachment',
	none: 'None requested'
} as const;
