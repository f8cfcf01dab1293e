import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { apiErrorsAsJson } from '$lib/server/http/api-error';
import { authenticate } from '$lib/server/http/authenticate';
import { authorize } from '$lib/server/http/authorize';
import { limitBody } from '$lib/server/http/body-limit';
import { securityHeaders } from '$lib/server/http/security-headers';
import { DataFolderInUseError } from '$lib/server/db/data-folder-lock';
import { readEnvironment } from '$lib/server/env';
import { startServer } from '$lib/server/startup';

export const init: ServerInit = async () => {
	if (building) return;
	try {
		await startServer(readEnvironment());
	} catch (error) {
		console.error(error instanceof DataFolderInUseError ? error.message : error);
		process.exit(1);
	}
};

export const handle: Handle = building
	? ({ event, resolve }) => resolve(event)
	: sequence(securityHeaders, limitBody, authenticate, apiErrorsAsJson, authorize);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) console.error(error);
	return {
		message:
			status === 404
				? 'Page not found'
				: status >= 500
					? 'Something went wrong on our side. Try again.'
					: 'That request could not be handled.',
		code: status === 404 ? 'NOT_FOUND' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'
	};
};
