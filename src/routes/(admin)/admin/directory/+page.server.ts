import { fail } from '@sveltejs/kit';
import { countLocations } from '$lib/server/repos/directory.repo';
import { importDirectoryCsv } from '$lib/server/services/directory-import.service';
import { serverDatabase } from '$lib/server/startup';
import { readForm } from '$lib/server/http/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	locationCount: await countLocations(serverDatabase().db)
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await readForm(request);
		if (!form) {
			return fail(400, {
				errors: [{ field: 'form', message: 'The form could not be read. Try again.' }]
			});
		}
		const file = form.get('file');
		const apply = form.get('mode') === 'import';
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { errors: [{ field: 'file', message: 'Select a CSV file of locations' }] });
		}
		const reading = await importDirectoryCsv(serverDatabase().db, file, {
			apply,
			actorId: locals.user!.id,
			source: file.name
		});
		return { fileName: file.name, ...reading };
	}
};
