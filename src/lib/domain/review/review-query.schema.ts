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
/** A filter that takes several values, meaning any of them; none is no filter. */
const anyOf = <T extends z.ZodType>(schema: T) =>
	z.preprocess(
		(value) => (value === undefined ? [] : [value].flat().filter((item) => item !== '')),
		z.array(schema).max(50, 'Choose at most 50 values')
	);

/** The review statuses the queue shows when none is chosen: everything still to do. */
export const NOT_RESOLVED = reviewStatusSchema.options.filter((status) => status !== 'resolved');

export const reviewQuerySchema = z
	.object({
		view: optional(z.enum(REVIEW_VIEWS, { error: 'Choose flags or conversations' })),
		area: anyOf(
			z.coerce
				.number({ error: 'Choose an area' })
				.int()
				.min(1, 'Choose an area from 1 to 4')
				.max(4, 'Choose an area from 1 to 4')
		),
		severity: anyOf(severitySchema),
		status: anyOf(reviewStatusSchema),
		sector: anyOf(sectorSchema),
		region: anyOf(z.enum(REGIONS, { error: 'Choose a region from the list' })),
		inspector: optional(z.uuid({ error: 'Choose an inspector from the list' })),
		from: optional(calendarDateSchema),
		to: optional(calendarDateSchema),
		overdue: optional(z.literal('yes', { error: 'Overdue is yes or empty' })),
		mine: optional(z.literal('yes', { error: 'Assigned to me is yes or empty' })),
		attention: optional(z.literal('yes', { error: 'Needs attention is yes or empty' })),
		q: optional(typedText(100, 'Keep the search under 100 characters')),
		sort: optional(z.enum(REVIEW_SORTS, { error: 'Choose a sort order from the list' })),
		after: optional(z.string().max(300)),
		/** The place of the page's first row, for "26 to 50 of 120"; only what the page says. */
		start: optional(z.coerce.number({ error: 'The page link is not valid' }).int().min(1).max(1e9))
	})
	.refine((query) => !query.from || !query.to || query.from <= query.to, {
		message: 'The "from" date must be on or before the "to" date',
		path: ['to']
	});
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/** The filters that take several values; every other parameter is given once at most. */
export const MULTI_VALUE_FILTERS = ['area', 'severity', 'status', 'sector', 'region'] as const;

/** The review statuses a query shows: the ones chosen, or all not resolved when none is. */
export const statusesShown = (query: ReviewQuery) =>
	query.status.length > 0 ? query.status : NOT_RESOLVED;

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
