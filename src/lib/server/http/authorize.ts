import { error, redirect, type Handle } from '@sveltejs/kit';
import { decideAccess } from './access-rules';
import { apiError, isApiPath } from './api-error';

/** Applies the access rules to every request before any page or endpoint runs. */
export const authorize: Handle = async ({ event, resolve }) => {
	const api = isApiPath(event.url.pathname);
	if (api && event.route.id === null) {
		return apiError({
			code: 'NOT_FOUND',
			message: 'There is no API endpoint at this address'
		});
	}
	const decision = decideAccess(event.route.id, event.locals.user?.role ?? null);
	if (decision === 'allow') return resolve(event);
	if (decision === 'sign-in') {
		if (api) return apiError({ code: 'UNAUTHENTICATED', message: 'Sign in to do this' });
		redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	const message =
		decision === 'forbidden'
			? 'You do not have permission to see this page'
			: 'This address has no access rule';
	if (api) return apiError({ code: 'FORBIDDEN', message });
	error(403, { message, code: 'FORBIDDEN' });
};
