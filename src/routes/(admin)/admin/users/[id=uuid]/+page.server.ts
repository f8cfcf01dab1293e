import { error, fail, redirect } from '@sveltejs/kit';
import { readUserChangeForm } from '$lib/server/http/admin-forms';
import { findUserById, listTeams } from '$lib/server/repos/users.repo';
import { followUpsAssignedTo } from '$lib/server/review/follow-ups';
import { changeUser, UserServiceError } from '$lib/server/services/users.service';
import { serverDatabase } from '$lib/server/startup';
import { readForm } from '$lib/server/http/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = serverDatabase();
	const user = await findUserById(db, params.id);
	if (!user) error(404, { message: 'There is no such user', code: 'NOT_FOUND' });
	const { passwordHash: _hash, ...shown } = user;
	return {
		shownUser: shown,
		teams: await listTeams(db),
		followUps: await followUpsAssignedTo(db, user.id)
	};
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const form = readUserChangeForm(await readForm(request));
		if (!form.ok) return form.failure;
		try {
			const user = await changeUser(serverDatabase().db, params.id, form.input, locals.user!.id);
			redirect(303, `/admin/users?saved=${encodeURIComponent(user.email)}`);
		} catch (caught) {
			if (!(caught instanceof UserServiceError)) throw caught;
			return fail(400, {
				values: form.input,
				errors: [
					{ field: caught.code === 'NO_SUCH_TEAM' ? 'teamId' : 'role', message: caught.message }
				]
			});
		}
	}
};
