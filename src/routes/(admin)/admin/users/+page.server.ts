import { listUsersWithTeams } from '$lib/server/repos/users.repo';
import { serverDatabase } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({
	users: (await listUsersWithTeams(serverDatabase().db)).map(({ user, teamName }) => ({
		id: user.id,
		name: user.name,
		email: user.email,
		role: user.role,
		teamName,
		region: user.region,
		active: user.active
	})),
	notice: url.searchParams.get('saved')
});
