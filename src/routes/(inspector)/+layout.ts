import { error, redirect } from '@sveltejs/kit';
import { deviceDatabase } from '$lib/client/db/device-database';
import { resolveDeviceUser } from '$lib/client/session/device-user';
import type { LayoutLoad } from './$types';

// The inspector's pages run in the browser only, so they start from the offline shell.
export const ssr = false;

export const load: LayoutLoad = async ({ url }) => {
	const deviceUser = await resolveDeviceUser();
	if (!deviceUser) {
		if (!navigator.onLine) {
			error(401, {
				message:
					'Sign in once while you are online. After that the app works on this device with no connection.',
				code: 'SIGN_IN_ONLINE'
			});
		}
		redirect(307, `/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	try {
		return {
			...(await deviceDatabase(deviceUser.user.id)),
			user: deviceUser.user,
			demo: deviceUser.demo
		};
	} catch (cause) {
		error(503, {
			message:
				cause instanceof Error
					? cause.message
					: 'The app could not open its storage on this device.'
		});
	}
};
