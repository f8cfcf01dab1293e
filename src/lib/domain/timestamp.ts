import { z } from 'zod';

/**
 * A moment a device reports (ISO 8601 with its offset). Its year is kept to 1900–2999: both
 * databases refuse some years a JavaScript date accepts, such as 0000, and no conversation
 * happened outside that range.
 */
export const timestampSchema = z.iso
	.datetime()
	.refine((value) => value >= '1900' && value < '3000', 'Give a time in the years 1900 to 2999');
