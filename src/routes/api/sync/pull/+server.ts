import { pullRequestSchema } from '$lib/domain/sync/sync-protocol.schema';
import { readSyncRequest, syncResponse } from '$lib/server/http/sync-request';
import { pullChanges } from '$lib/server/sync/pull';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** A device downloads what changed since its cursor; see docs/sync-protocol.md. */
export const POST: RequestHandler = async (event) => {
	const request = await readSyncRequest(event, pullRequestSchema);
	if (!request.ok) return request.response;
	const agent = event.request.headers.get('user-agent');
	return syncResponse(() => pullChanges(serverDatabase().db, request.user, request.value, agent));
};
