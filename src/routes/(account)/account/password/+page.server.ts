import { fail } from '@sveltejs/kit';
import { changePasswordSchema } from '$lib/domain/accounts/account.schema';
import { createSession, deleteUserSessions } from '$lib/server/auth/session';
import { replaceSession } from '$lib/server/http/authenticate';
import { fieldErrors, readForm } from '$lib/server/http/form-errors';
import { changePassword, UserServiceError } from '$lib/server/services/users.service';
import { serverDatabase } from '$lib/server/startup';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, cookies, getClientAddress }) => {
		const form = await readForm(request);
		if (!form) {
			return fail(400, {
				errors: [{ field: 'form', message: 'The form could not be read. Try again.' }]
			});
		}
		const parsed = changePasswordSchema.safeParse(
			Object.fromEntries(
				['currentPassword', 'newPassword', 'confirmPassword'].map((key) => [
					key,
					String(form.get(key) ?? '')
				])
			)
		);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
		try {
			await changePassword(serverDatabase().db, {
				userId: locals.user!.id,
				currentPassword: parsed.data.currentPassword,
				newPassword: parsed.data.newPassword,
				address: getClientAddress()
			});
		} catch (error) {
			if (!(error instanceof UserServiceError)) throw error;
			return fail(error.code === 'TOO_MANY_ATTEMPTS' ? 429 : 400, {
				errors: [{ field: 'currentPassword', message: error.message }]
			});
		}
		// Anyone else holding a session of this account is signed out; this browser gets a new one.
		const { db } = serverDatabase();
		await deleteUserSessions(db, locals.user!.id);
		const session = await createSession(db, locals.user!.id);
		await replaceSession(cookies, session.token, session.expiresAt);
		return { changed: true };
	}
};
