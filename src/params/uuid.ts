import type { ParamMatcher } from '@sveltejs/kit';
import { isUuid } from '$lib/domain/ids';

export const match: ParamMatcher = (param) => isUuid(param);
