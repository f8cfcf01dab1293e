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

export function formatDay(value: Date | string): string {
	return format(typeof value === 'string' ? new Date(value) : value, 'd MMM yyyy');
}

export function formatMoment(value: Date | string): string {
	return format(typeof value === 'string' ? new Date(value) : value, "d MMM yyyy 'at' HH:mm");
}

export const isOverdue = (due: string | null, status: ReviewStatus, today: string) =>
	due !== null && status !== 'resolved' && due < today;
