import { fail, redirect } from '@sveltejs/kit';
import { signInBodySchema } from '$lib/domain/accounts/account.schema';
import { replaceSession } from '$lib/server/http/authenticate';
import { fieldErrors, safeReturnTo, readForm } from '$lib/server/http/form-errors';
import { signIn } from '$lib/server/services/sign-in.service';
import { serverDatabase } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

const HOME = { inspector: '/', manager: '/review', admin: '/admin/users' } as const;

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) {
		redirect(303, safeReturnTo(url.searchParams.get('returnTo'), HOME[locals.user.role]));
	}
	return { returnTo: url.searchParams.get('returnTo') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) {
			return fail(400, {
				email: '',
				errors: [{ field: 'form', message: 'The form could not be read. Try again.' }]
			});
		}
		const email = String(form.get('email') ?? '');
		const parsed = signInBodySchema.safeParse({
			email,
			password: String(form.get('password') ?? '')
		});
		if (!parsed.success) return fail(400, { email, errors: fieldErrors(parsed.error) });
		const result = await signIn(serverDatabase().db, {
			...parsed.data,
			address: event.getClientAddress()
		});
		if (!result.ok) {
			return fail(result.code === 'INVALID_CREDENTIALS' ? 400 : 429, {
				email,
				errors: [{ field: 'email', message: result.message }]
			});
		}
		await replaceSession(event.cookies, result.token, result.expiresAt);
		redirect(303, safeReturnTo(event.url.searchParams.get('returnTo'), HOME[result.user.role]));
	}
};
