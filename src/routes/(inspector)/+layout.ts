import { error } from '@sveltejs/kit';
import { deviceDatabase } from '$lib/client/db/device-database';
import type { LayoutLoad } from './$types';

// The inspector's pages run in the browser only, so they start from the offline shell.
export const ssr = false;

export const load: LayoutLoad = async () => {
	try {
		return await deviceDatabase();
	} catch (cause) {
		error(503, {
			message:
				cause instanceof Error
					? cause.message
					: 'The app could not open its storage on this device.'
		});
	}
};
