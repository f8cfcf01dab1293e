import { z } from 'zod';
import { sectorSchema } from '../question-sets/question-set.schema';
import { hasNoNul, NUL_MESSAGE } from '../text';

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

/** Longest of each text field of a location; the directory's own values are far shorter. */
export const LOCATION_TEXT_LIMITS = {
	providerId: 20,
	name: 200,
	localAuthority: 100,
	type: 100
} as const;

const directoryText = (max: number) =>
	z
		.string()
		.trim()
		.min(1, 'Enter a value')
		.max(max, `Keep this to ${max} characters or fewer`)
		.refine(hasNoNul, NUL_MESSAGE);

export const locationSchema = z.object({
	locationId: locationIdSchema,
	providerId: directoryText(LOCATION_TEXT_LIMITS.providerId),
	name: directoryText(LOCATION_TEXT_LIMITS.name),
	postcode: z
		.string()
		.trim()
		.regex(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, 'Enter a full postcode, like SW1A 1AA'),
	region: regionSchema,
	localAuthority: directoryText(LOCATION_TEXT_LIMITS.localAuthority),
	sector: sectorSchema,
	/** The directory's own type, such as "Social Care Org". */
	type: directoryText(LOCATION_TEXT_LIMITS.type),
	careHome: z.boolean(),
	beds: z.number().int().nonnegative().max(99_999).nullable()
});
export type Location = z.infer<typeof locationSchema>;
