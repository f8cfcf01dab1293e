import { fail, redirect } from '@sveltejs/kit';
import { readNewUserForm } from '$lib/server/http/admin-forms';
import { listTeams } from '$lib/server/repos/users.repo';
import { createUser, UserServiceError } from '$lib/server/services/users.service';
import { serverDatabase } from '$lib/server/startup';
import { readForm } from '$lib/server/http/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ teams: await listTeams(serverDatabase().db) });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = readNewUserForm(await readForm(request));
		if (!form.ok) return form.failure;
		try {
			const user = await createUser(serverDatabase().db, form.input, locals.user!.id);
			redirect(303, `/admin/users?saved=${encodeURIComponent(user.email)}`);
		} catch (error) {
			if (!(error instanceof UserServiceError)) throw error;
			const { password: _password, ...values } = form.input;
			return fail(400, {
				values,
				errors: [
					{ field: error.code === 'NO_SUCH_TEAM' ? 'teamId' : 'email', message: error.message }
				]
			});
		}
	}
};
