import type { ParamMatcher } from '@sveltejs/kit';

/** A question id such as 1.2: area 1 to 4, then its number. */
export const match: ParamMatcher = (param) => /^[1-4]\.\d{1,2}$/.test(param);
