import { z } from 'zod';
import { locationSchema, REGIONS, regionSchema } from './location.schema';

export const DIRECTORY_PAGE_SIZE = 1_000;

export const directoryPageQuerySchema = z.object({
	region: z.enum(REGIONS, { error: () => `Give a region, one of: ${REGIONS.join(', ')}` }),
	after: z.string().min(1).max(100).optional(),
	limit: z.coerce.number().int().min(1).max(5_000).default(DIRECTORY_PAGE_SIZE)
});

/** One page of a region's directory, as the devices download it. */
export const directoryPageSchema = z.object({
	region: regionSchema,
	/** Changes whenever a location of the region is added or changed. */
	version: z.string(),
	/** How many locations the region has in all. */
	total: z.number().int().nonnegative(),
	locations: z.array(locationSchema),
	/** The location ID to continue after, or null on the last page. */
	next: z.string().nullable()
});
export type DirectoryPage = z.infer<typeof directoryPageSchema>;
