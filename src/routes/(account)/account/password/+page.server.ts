import { fail } from '@sveltejs/kit';
import { changePasswordSchema } from '$lib/domain/accounts/account.schema';
import { fieldErrors } from '$lib/server/http/form-errors';
import { changePassword, UserServiceError } from '$lib/server/services/users.service';
import { serverDatabase } from '$lib/server/startup';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
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
			await changePassword(
				serverDatabase().db,
				locals.user!.id,
				parsed.data.currentPassword,
				parsed.data.newPassword
			);
		} catch (error) {
			if (!(error instanceof UserServiceError)) throw error;
			return fail(400, { errors: [{ field: 'currentPassword', message: error.message }] });
		}
		return { changed: true };
	}
};
