import { pushRequestSchema } from '$lib/domain/sync/sync-protocol.schema';
import { readSyncRequest, syncResponse } from '$lib/server/http/sync-request';
import { pushChanges } from '$lib/server/sync/push';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** A device uploads its queued changes; see docs/sync-protocol.md. */
export const POST: RequestHandler = async (event) => {
	const request = await readSyncRequest(event, pushRequestSchema);
	if (!request.ok) return request.response;
	const agent = event.request.headers.get('user-agent');
	return syncResponse(() => pushChanges(serverDatabase().db, request.user, request.value, agent));
};
