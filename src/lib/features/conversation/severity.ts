import type { Severity } from '$lib/domain/conversation/conversation.schema';

export const SEVERITY_LABELS: Record<Severity, string> = {
	low: 'Low',
	medium: 'Medium',
	high: 'High'
};

export const SEVERITY_ITEMS = (['low', 'medium', 'high'] as const).map((value) => ({
	value,
	label: SEVERITY_LABELS[value]
}));

export const SEVERITY_COLOURS = { low: 'yellow', medium: 'orange', high: 'red' } as const;

/** The fields of a flag's form on question `q`: raising a new one and editing a raised one alike. */
export const flagFields = (q: string) => ({
	severity: {
		id: `question-${q}-flag-severity`,
		label: `Severity of the risk flag on question ${q}`
	},
	reason: { id: `question-${q}-flag-reason`, label: `Reason for the risk flag on question ${q}` }
});
