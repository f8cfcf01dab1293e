/** What every review page needs from a request: the reviewer, today's date and the parsed filters. */
import { reviewQuerySchema, type ReviewQuery } from '$lib/domain/review/review-query.schema';
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

export function readReviewQuery(
	url: URL
):
	| { ok: true; query: ReviewQuery }
	| { ok: false; errors: FieldError[]; raw: Record<string, string> } {
	const raw = Object.fromEntries(url.searchParams);
	const parsed = reviewQuerySchema.safeParse(raw);
	return parsed.success
		? { ok: true, query: parsed.data }
		: { ok: false, errors: fieldErrors(parsed.error), raw };
}
