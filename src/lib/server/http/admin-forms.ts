import { fail } from '@sveltejs/kit';
import { createUserSchema, updateUserSchema } from '$lib/domain/accounts/account.schema';
import { fieldErrors } from './form-errors';

const orNull = (value: FormDataEntryValue | null) =>
	value === null || value === '' ? null : String(value);

/** The new-user form, parsed; on failure, the 400 answer with each problem and what was typed. */
const UNREADABLE = [{ field: 'form', message: 'The form could not be read. Try again.' }];

export function readNewUserForm(form: FormData | null) {
	if (!form) {
		return {
			ok: false as const,
			failure: fail(400, {
				values: { email: '', name: '', role: '', teamId: null, region: null },
				errors: UNREADABLE
			})
		};
	}
	const values = {
		email: String(form.get('email') ?? ''),
		name: String(form.get('name') ?? ''),
		role: String(form.get('role') ?? ''),
		teamId: orNull(form.get('teamId')),
		region: orNull(form.get('region'))
	};
	const parsed = createUserSchema.safeParse({
		...values,
		password: String(form.get('password') ?? '')
	});
	return parsed.success
		? { ok: true as const, input: parsed.data }
		: { ok: false as const, failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
}

export function readUserChangeForm(form: FormData | null) {
	if (!form) {
		return {
			ok: false as const,
			failure: fail(400, {
				values: { role: '', teamId: null, region: null, active: true },
				errors: UNREADABLE
			})
		};
	}
	const values = {
		role: String(form.get('role') ?? ''),
		teamId: orNull(form.get('teamId')),
		region: orNull(form.get('region')),
		active: form.get('active') === 'yes'
	};
	const parsed = updateUserSchema.safeParse(values);
	return parsed.success
		? { ok: true as const, input: parsed.data }
		: { ok: false as const, failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
}
