/**
 * The managers' review forms, parsed with the domain schemas. On failure each gives the 400 answer
 * with every problem and everything that was typed, so nothing is lost.
 */
import { fail } from '@sveltejs/kit';
import {
	flagCommentSchema,
	conversationReviewedSchema,
	flagDecisionSchema,
	sendBackSchema,
	severityConfirmationSchema
} from '$lib/domain/review/flag-review.schema';
import { fieldErrors } from './form-errors';

const text = (form: FormData | null, name: string) => String(form?.get(name) ?? '');

function dateFrom(form: FormData | null, id: string): string | null {
	const [day = '', month = '', year = ''] = ['day', 'month', 'year'].map((part) =>
		text(form, `${id}-${part}`).trim()
	);
	if (!day && !month && !year) return null;
	return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export function flagDecisionValues(form: FormData | null) {
	return {
		action: text(form, 'action'),
		escalatedTo: text(form, 'escalatedTo'),
		urgency: text(form, 'urgency'),
		assigneeId: text(form, 'assigneeId'),
		followUpDue: {
			day: text(form, 'followUpDue-day'),
			month: text(form, 'followUpDue-month'),
			year: text(form, 'followUpDue-year')
		},
		note: text(form, 'note'),
		expectedVersion: text(form, 'expectedVersion')
	};
}
export type FlagDecisionValues = ReturnType<typeof flagDecisionValues>;

export function readFlagDecisionForm(form: FormData | null) {
	const values = flagDecisionValues(form);
	const parsed = flagDecisionSchema.safeParse({
		action: values.action || undefined,
		escalatedTo: values.escalatedTo || undefined,
		urgency: values.urgency || undefined,
		assigneeId: values.assigneeId || null,
		followUpDue: dateFrom(form, 'followUpDue'),
		note: values.note,
		// A missing version must not pass as 0, or a stale decision would slip through.
		expectedVersion: /^\d{1,9}$/.test(values.expectedVersion) ? Number(values.expectedVersion) : NaN
	});
	if (parsed.success) return { ok: true as const, input: parsed.data, values };
	const errors = !values.action
		? [{ field: 'action', message: 'Choose what you want to do with the flag' }]
		: fieldErrors(parsed.error).map((error) =>
				error.field === 'followUpDue'
					? { ...error, field: 'followUpDue-day' }
					: error.field === 'expectedVersion'
						? {
								field: 'action',
								message: 'The form could not be read. Reload the page and try again.'
							}
						: error
			);
	return { ok: false as const, failure: fail(400, { form: 'decision', values, errors }) };
}

export function readCommentForm(form: FormData | null) {
	const values = { comment: text(form, 'comment') };
	const parsed = flagCommentSchema.safeParse(values);
	return parsed.success
		? { ok: true as const, input: parsed.data }
		: {
				ok: false as const,
				failure: fail(400, { form: 'comment', values, errors: fieldErrors(parsed.error) })
			};
}

export function readReviewedForm(form: FormData | null) {
	const values = { note: text(form, 'note') };
	const parsed = conversationReviewedSchema.safeParse(values);
	return parsed.success
		? { ok: true as const, input: parsed.data }
		: { ok: false as const, failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
}

export function readSendBackForm(form: FormData | null) {
	const values = { comment: text(form, 'comment') };
	const parsed = sendBackSchema.safeParse(values);
	return parsed.success
		? { ok: true as const, input: parsed.data }
		: { ok: false as const, failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
}

export function readSeverityForm(form: FormData | null) {
	const values = {
		severity: text(form, 'severity'),
		expectedVersion: text(form, 'expectedVersion')
	};
	const parsed = severityConfirmationSchema.safeParse({
		severity: values.severity || undefined,
		expectedVersion: /^\d{1,9}$/.test(values.expectedVersion) ? Number(values.expectedVersion) : NaN
	});
	if (parsed.success) return { ok: true as const, input: parsed.data };
	const errors = fieldErrors(parsed.error).map((error) =>
		error.field === 'expectedVersion'
			? { field: 'severity', message: 'The form could not be read. Reload the page and try again.' }
			: error
	);
	return { ok: false as const, failure: fail(400, { form: 'severity', values, errors }) };
}
