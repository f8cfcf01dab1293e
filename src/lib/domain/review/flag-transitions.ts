/**
 * Which review decisions each flag status allows. The server refuses any other with a message
 * that says why; the review page offers only these.
 */
import { DomainError } from '../errors';
import type { FlagAction, ReviewStatus } from './flag-review.schema';
import { REVIEW_STATUS_LABELS } from './flag-review.schema';

const ALLOWED: Record<ReviewStatus, readonly FlagAction[]> = {
	open: ['acknowledge', 'escalate', 'follow-up', 'resolve'],
	acknowledged: ['escalate', 'follow-up', 'resolve'],
	escalated: ['follow-up', 'resolve'],
	// A follow-up again changes who follows it up, or when.
	'follow-up': ['follow-up', 'escalate', 'resolve'],
	resolved: ['reopen']
};

const RESULT: Record<FlagAction, ReviewStatus> = {
	acknowledge: 'acknowledged',
	escalate: 'escalated',
	'follow-up': 'follow-up',
	resolve: 'resolved',
	reopen: 'open'
};

export const ACTION_LABELS: Record<FlagAction, string> = {
	acknowledge: 'Acknowledge',
	escalate: 'Escalate',
	'follow-up': 'Set a follow-up',
	resolve: 'Resolve',
	reopen: 'Reopen'
};

export function allowedActions(status: ReviewStatus): readonly FlagAction[] {
	return ALLOWED[status];
}

/** The status `action` leads to from `status`, or a refusal saying why it is not allowed. */
export function nextStatus(status: ReviewStatus, action: FlagAction): ReviewStatus {
	if (ALLOWED[status].includes(action)) return RESULT[action];
	const label = REVIEW_STATUS_LABELS[status].toLowerCase();
	const why =
		status === 'resolved'
			? 'Reopen it first.'
			: RESULT[action] === status
				? 'It already is.'
				: `From ${label} it can be: ${ALLOWED[status].map((a) => ACTION_LABELS[a].toLowerCase()).join(', ')}.`;
	throw new DomainError(
		'TRANSITION_NOT_ALLOWED',
		`A flag that is ${label} cannot be changed with "${ACTION_LABELS[action].toLowerCase()}". ${why}`
	);
}
