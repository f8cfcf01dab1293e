import { z } from 'zod';
import { REGIONS } from '../directory/location.schema';
import { severitySchema } from '../conversation/conversation.schema';
import { sectorSchema } from '../question-sets/question-set.schema';
import { calendarDateSchema, reviewStatusSchema, typedText } from './flag-review.schema';

/**
 * The review queue's filters, sort and page, as they stand in the address bar, so any view can be
 * bookmarked and shared. An unreadable value is reported, never silently dropped.
 */
export const REVIEW_VIEWS = ['flags', 'conversations'] as const;
export const REVIEW_SORTS = ['newest', 'oldest', 'severity', 'due'] as const;
export const REVIEW_PAGE_SIZE = 25;

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const reviewQuerySchema = z
	.object({
		view: optional(z.enum(REVIEW_VIEWS, { error: 'Choose flags or conversations' })),
		area: optional(
			z.coerce
				.number({ error: 'Choose an area' })
				.int()
				.min(1, 'Choose an area from 1 to 4')
				.max(4, 'Choose an area from 1 to 4')
		),
		severity: optional(severitySchema),
		status: optional(reviewStatusSchema),
		sector: optional(sectorSchema),
		region: optional(z.enum(REGIONS, { error: 'Choose a region from the list' })),
		inspector: optional(z.uuid({ error: 'Choose an inspector from the list' })),
		from: optional(calendarDateSchema),
		to: optional(calendarDateSchema),
		overdue: optional(z.literal('yes', { error: 'Overdue is yes or empty' })),
		q: optional(typedText(100, 'Keep the search under 100 characters')),
		sort: optional(z.enum(REVIEW_SORTS, { error: 'Choose a sort order from the list' })),
		after: optional(z.string().max(300))
	})
	.refine((query) => !query.from || !query.to || query.from <= query.to, {
		message: 'The "from" date must be on or before the "to" date',
		path: ['to']
	});
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/** The query as address parameters, leaving out empty ones; `change` replaces some of them. */
export function reviewSearchParams(
	query: ReviewQuery,
	change: Partial<Record<keyof ReviewQuery, string | number | undefined>> = {}
): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries({ ...query, ...change })) {
		if (value !== undefined && value !== '') params.set(key, String(value));
	}
	return params;
}

/** How many flags each choice of a filter would show, the other filters applied. */
export type FlagCounts = {
	total: number;
	status: Record<string, number>;
	severity: Record<string, number>;
	area: Record<string, number>;
	sector: Record<string, number>;
	region: Record<string, number>;
	inspector: Record<string, number>;
	overdue: number;
};
