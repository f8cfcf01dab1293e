import type { ParamMatcher } from '@sveltejs/kit';
import { UUID_PATTERN } from '$lib/domain/ids';

export const match: ParamMatcher = (param) => UUID_PATTERN.test(param);
