import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE } from '../text';
import { locationSchema, REGIONS, regionSchema } from './location.schema';

export const DIRECTORY_PAGE_SIZE = 1_000;

export const directoryPageQuerySchema = z.object({
	region: z.enum(REGIONS, { error: () => `Give a region, one of: ${REGIONS.join(', ')}` }),
	after: z
		.string()
		.min(1)
		.max(100)
		.refine(hasNoNul, NUL_MESSAGE)
		.optional()
		.meta({ description: 'The `next` of the page before; left out for the first page.' }),
	limit: z.coerce
		.number()
		.int()
		.min(1)
		.max(5_000)
		.default(DIRECTORY_PAGE_SIZE)
		.meta({ description: `Locations per page; ${DIRECTORY_PAGE_SIZE} when left out.` })
});

/** One page of a region's directory, as the devices download it. */
export const directoryPageSchema = z.object({
	region: regionSchema,
	version: z
		.string()
		.meta({ description: 'Changes whenever a location of the region is added or changed.' }),
	total: z
		.number()
		.int()
		.nonnegative()
		.meta({ description: 'How many locations the region has in all.' }),
	locations: z.array(locationSchema),
	next: z
		.string()
		.nullable()
		.meta({ description: 'The location ID to continue after, or null on the last page.' })
});
export type DirectoryPage = z.infer<typeof directoryPageSchema>;
