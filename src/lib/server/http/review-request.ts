/** What every review page needs from a request: the reviewer, today's date and the parsed filters. */
import {
	MULTI_VALUE_FILTERS,
	reviewQuerySchema,
	type ReviewQuery
} from '$lib/domain/review/review-query.schema';
import type { Reviewer } from '../review/review-scope';
import { fieldErrors, type FieldError } from './form-errors';

export function reviewerOf(locals: App.Locals): Reviewer {
	const user = locals.user!;
	return { id: user.id, name: user.name, role: user.role, teamId: user.teamId };
}

/** Today in the United Kingdom, where follow-ups fall due. */
export function todayInUk(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

const LABELS: Record<string, string> = {
	view: 'the view',
	inspector: 'the inspector',
	from: 'the "from" date',
	to: 'the "to" date',
	overdue: 'overdue',
	mine: 'assigned to me',
	attention: 'needs attention',
	q: 'the search',
	sort: 'the sort order',
	after: 'the page',
	start: 'the page'
};

/**
 * The filters in the address. Several values of a filter that takes several mean any of them; a
 * parameter the queue does not know, or one given twice that takes one value, is reported as a
 * problem rather than silently ignored.
 */
export function readReviewQuery(
	url: URL
):
	| { ok: true; query: ReviewQuery }
	| { ok: false; errors: FieldError[]; raw: Record<string, string | string[]> } {
	const raw: Record<string, string | string[]> = {};
	const problems: FieldError[] = [];
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		if (!(key in reviewQuerySchema.shape)) {
			problems.push({
				field: 'filters',
				message: `The address has "${key}", which is not a filter of the review queue`
			});
		} else if ((MULTI_VALUE_FILTERS as readonly string[]).includes(key)) {
			raw[key] = values;
		} else if (values.length > 1) {
			problems.push({
				field: key,
				message: `Give one value for ${LABELS[key] ?? key}, not ${values.length}`
			});
		} else {
			raw[key] = values[0]!;
		}
	}
	const parsed = reviewQuerySchema.safeParse(raw);
	if (parsed.success && problems.length === 0) return { ok: true, query: parsed.data };
	return {
		ok: false,
		errors: [...problems, ...(parsed.success ? [] : fieldErrors(parsed.error))],
		raw
	};
}
