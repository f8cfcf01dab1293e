import { format } from 'date-fns';
import { REGIONS } from '$lib/domain/directory/location.schema';
import { SECTOR_LABELS, type Sector } from '$lib/domain/question-sets/question-set.schema';
import {
	ESCALATION_TARGET_LABELS,
	ESCALATION_TARGETS,
	REVIEW_STATUS_LABELS,
	REVIEW_STATUSES,
	type ReviewStatus
} from '$lib/domain/review/flag-review.schema';

/** The framework's four areas; every question set uses them. */
export const AREA_TITLES: Record<number, string> = {
	1: 'Safe care and treatment',
	2: 'Staffing arrangements',
	3: 'Protection from abuse',
	4: 'Assurance processes, monitoring and risk management'
};

export const STATUS_COLOURS: Record<ReviewStatus, 'grey' | 'blue' | 'purple' | 'orange' | 'green'> =
	{
		open: 'grey',
		acknowledged: 'blue',
		escalated: 'purple',
		'follow-up': 'orange',
		resolved: 'green'
	};

export const STATUS_OPTIONS = REVIEW_STATUSES.map((value) => ({
	value,
	label: REVIEW_STATUS_LABELS[value]
}));
export const ESCALATION_OPTIONS = ESCALATION_TARGETS.map((value) => ({
	value,
	label: ESCALATION_TARGET_LABELS[value]
}));
export const SECTOR_OPTIONS = (Object.keys(SECTOR_LABELS) as Sector[]).map((value) => ({
	value,
	label: SECTOR_LABELS[value]
}));
export const REGION_OPTIONS = REGIONS.map((value) => ({ value, label: value }));
export const AREA_OPTIONS = [1, 2, 3, 4].map((area) => ({
	value: String(area),
	label: `${area}. ${AREA_TITLES[area]}`
}));

export const sectorLabel = (sector: string) => SECTOR_LABELS[sector as Sector] ?? sector;

// Review pages are rendered on the server, whose clock may be UTC: times are shown as in the UK.
const UK_DAY = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});
const UK_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	hour: '2-digit',
	minute: '2-digit'
});

/** A calendar date (YYYY-MM-DD) or a moment, as "23 Nov 2026". */
export function formatDay(value: Date | string): string {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
		return format(new Date(`${value}T00:00:00`), 'd MMM yyyy');
	}
	return UK_DAY.format(typeof value === 'string' ? new Date(value) : value);
}

export function formatMoment(value: Date | string): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	return `${UK_DAY.format(date)} at ${UK_TIME.format(date)}`;
}

export const isOverdue = (due: string | null, status: ReviewStatus, today: string) =>
	due !== null && status !== 'resolved' && due < today;
