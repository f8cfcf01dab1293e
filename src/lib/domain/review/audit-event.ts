import {
	ESCALATION_TARGET_LABELS,
	REVIEW_STATUS_LABELS,
	type EscalationTarget,
	type ReviewStatus
} from './flag-review.schema';

/** One entry of a conversation's audit trail, as `review_events` keeps it. */
export type AuditEvent = {
	kind:
		| 'decision'
		| 'comment'
		| 'question-returned'
		| 'question-amended'
		| 'conversation-reviewed'
		| 'flag-raised'
		| 'flag-changed'
		| 'flag-withdrawn'
		| 'severity-confirmed';
	questionId: string | null;
	fromStatus: string | null;
	toStatus: string | null;
	details: Record<string, unknown>;
};

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
/** A calendar date (YYYY-MM-DD) as "14 Dec 2026", as the review pages write days. */
function day(iso: string): string {
	const [year, month, date] = iso.split('-').map(Number) as [number, number, number];
	return `${date} ${MONTHS[month - 1]} ${year}`;
}
const severity = (value: unknown) =>
	typeof value === 'string' ? value[0]!.toUpperCase() + value.slice(1) : 'A';
const lower = (value: unknown) => severity(value).toLowerCase();
const status = (value: string | null) =>
	value ? (REVIEW_STATUS_LABELS[value as ReviewStatus] ?? value) : '';

/** Where a decision sent the flag and who follows it up, as decided then. */
function decided({ details }: AuditEvent): string {
	const parts: string[] = [];
	const target = details.escalatedTo as EscalationTarget | undefined;
	if (target) {
		const urgency = details.urgency === 'urgent' ? ', urgently' : ', routinely';
		parts.push(`escalated to ${ESCALATION_TARGET_LABELS[target] ?? target}${urgency}`);
	}
	if (typeof details.followUpDue === 'string') {
		const who =
			typeof details.assigneeName === 'string' ? details.assigneeName : 'a member of the team';
		parts.push(`followed up by ${who}, due ${day(details.followUpDue)}`);
	}
	return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}

function reweighed({ questionId, details }: AuditEvent): string {
	return details.severity === details.wasSeverity
		? `Severity of the flag on question ${questionId} confirmed as ${lower(details.severity)}`
		: `Flag on question ${questionId} changed from ${lower(details.wasSeverity)} to ${lower(details.severity)}`;
}

/** What happened, in the words the trail shows on every page and in the audit CSV. */
export function describeAuditEvent(event: AuditEvent): string {
	const { questionId, details } = event;
	switch (event.kind) {
		case 'decision':
			return event.fromStatus === 'follow-up' && event.toStatus === 'follow-up'
				? `Follow-up of the flag on question ${questionId} changed${decided(event)}`
				: `Flag on question ${questionId}: ${status(event.fromStatus)} to ${status(event.toStatus)}${decided(event)}`;
		case 'comment':
			return `Comment on the flag on question ${questionId}`;
		case 'question-returned':
			return `Question ${questionId} sent back to the inspector`;
		case 'question-amended':
			return `Question ${questionId} amended by the inspector`;
		case 'conversation-reviewed':
			return 'Conversation marked reviewed';
		case 'flag-raised':
			return `${severity(details.severity)} flag on question ${questionId} raised${details.raisedBy === 'answer' ? ' by the answer given' : ' by the inspector'}`;
		case 'flag-changed':
			return `Flag on question ${questionId} changed by the inspector: ${severity(details.wasSeverity)} to ${lower(details.severity)}`;
		case 'flag-withdrawn':
			return `Flag on question ${questionId} withdrawn by the inspector`;
		case 'severity-confirmed':
			return `${reweighed(event)} after the answer was amended from ${details.amendedFrom} to ${details.amendedTo}`;
	}
}
