import { json } from '@sveltejs/kit';
import { signInBodySchema } from '$lib/domain/accounts/account.schema';
import { deleteSession } from '$lib/server/auth/session';
import { apiError } from '$lib/server/http/api-error';
import { clearSessionCookie, replaceSession, SESSION_COOKIE } from '$lib/server/http/authenticate';
import { parseJsonBody } from '$lib/server/http/parse-body';
import { recordAudit } from '$lib/server/repos/audit.repo';
import { hasDemoAccounts } from '$lib/server/services/demo-data.service';
import { signIn } from '$lib/server/services/sign-in.service';
import { toSessionUser } from '$lib/server/services/users.service';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** Who is signed in; the inspector's app stores this to work offline. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) return apiError({ code: 'UNAUTHENTICATED', message: 'Not signed in' });
	return json({ user: locals.user, demo: await hasDemoAccounts(serverDatabase().db) });
};

export const POST: RequestHandler = async (event) => {
	const body = await parseJsonBody(event, signInBodySchema);
	if (!body.ok) return body.response;
	const result = await signIn(serverDatabase().db, {
		...body.value,
		address: event.getClientAddress()
	});
	if (!result.ok) {
		return apiError({ code: result.code, message: result.message });
	}
	await replaceSession(event.cookies, result.token, result.expiresAt);
	return json({ user: toSessionUser(result.user) });
};

export const DELETE: RequestHandler = async ({ cookies, locals, getClientAddress }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await deleteSession(serverDatabase().db, token);
	if (locals.user) {
		await recordAudit(serverDatabase().db, {
			action: 'sign-out',
			actorId: locals.user.id,
			address: getClientAddress()
		});
	}
	clearSessionCookie(cookies);
	return new Response(null, { status: 204 });
};
