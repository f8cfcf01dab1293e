import type { ParamMatcher } from '@sveltejs/kit';
import { questionIdSchema } from '$lib/domain/ids';

/** A question id such as 1.2: area 1 to 4, then its number. */
export const match: ParamMatcher = (param) => questionIdSchema.safeParse(param).success;
