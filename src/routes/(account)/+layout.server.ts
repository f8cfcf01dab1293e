import { hasDemoAccounts } from '$lib/server/services/demo-data.service';
import { serverDatabase } from '$lib/server/startup';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user,
	demo: await hasDemoAccounts(serverDatabase().db)
});
