import { z } from 'zod';
import { sectorSchema } from '../question-sets/question-set.schema';

/** Location IDs are "1-" and 9 to 11 digits, or an NHS (ODS) trust or site code. */
export const locationIdSchema = z
	.string()
	.trim()
	.regex(
		/^(1-\d{9,11}|[A-Z0-9]{3,6})$/,
		'Enter a location ID like 1-123456789 or an NHS code like RXQ02'
	);

export const REGIONS = [
	'London',
	'North East',
	'North West',
	'South East',
	'South West',
	'East',
	'East Midlands',
	'West Midlands',
	'Yorkshire & Humberside'
] as const;
export const regionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof regionSchema>;

export const locationSchema = z.object({
	locationId: locationIdSchema,
	providerId: z.string().trim().min(1),
	name: z.string().trim().min(1),
	postcode: z
		.string()
		.trim()
		.regex(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, 'Enter a full postcode, like SW1A 1AA'),
	region: regionSchema,
	localAuthority: z.string().trim().min(1),
	sector: sectorSchema,
	/** The directory's own type, such as "Social Care Org". */
	type: z.string().trim().min(1),
	careHome: z.boolean(),
	beds: z.number().int().nonnegative().nullable()
});
export type Location = z.infer<typeof locationSchema>;
