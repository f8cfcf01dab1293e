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
