import { fail } from '@sveltejs/kit';
import { readDirectoryCsv } from '$lib/domain/directory/directory-csv';
import { countLocations } from '$lib/server/repos/directory.repo';
import { importLocations } from '$lib/server/services/directory-import.service';
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
		const reading = readDirectoryCsv(await file.text());
		if (apply && reading.locations.length > 0) {
			await importLocations(serverDatabase().db, reading.locations, locals.user!.id, file.name);
		}
		return {
			fileName: file.name,
			imported: apply ? reading.locations.length : 0,
			valid: reading.locations.length,
			problems: reading.problems.slice(0, 1000),
			problemCount: reading.problems.length
		};
	}
};
