import type { HandleClientError } from '@sveltejs/kit';

/**
 * A page whose data comes from the server fails to load with no connection; the error page then
 * says that the page needs one, rather than that something went wrong.
 */
export const handleError: HandleClientError = ({ error, status, message }) => {
	const unreachable =
		status !== 404 &&
		(!navigator.onLine || (error instanceof TypeError && /fetch|network/i.test(error.message)));
	return unreachable ? { message: 'This page needs a connection.', code: 'OFFLINE' } : { message };
};
