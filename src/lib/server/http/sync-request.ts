import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { SessionUser } from '$lib/domain/accounts/account.schema';
import { MAX_SYNC_BODY_BYTES, PROTOCOL_VERSION } from '$lib/domain/sync/sync-protocol.schema';
import { unstorableTextIn } from '$lib/domain/text';
import type { SyncRefusal } from '../sync/devices';
import { apiError } from './api-error';
import { checkBody, parseJsonBody } from './parse-body';

const protocolOnly = z.object({ protocol: z.number().int() });

/**
 * Reads a sync request. The protocol version is checked before the rest, so a device speaking a
 * version this server does not know is told to update (426) rather than that its body is wrong.
 */
export async function readSyncRequest<T extends z.ZodType<{ userId: string }>>(
	event: RequestEvent,
	schema: T
): Promise<{ ok: true; value: z.infer<T>; user: SessionUser } | { ok: false; response: Response }> {
	const body = await parseJsonBody(event, z.unknown(), MAX_SYNC_BODY_BYTES);
	if (!body.ok) return body;
	const protocol = protocolOnly.safeParse(body.value);
	if (protocol.success && protocol.data.protocol !== PROTOCOL_VERSION) {
		return {
			ok: false,
			response: apiError({
				code: 'VERSION_NOT_SUPPORTED',
				message: `This server speaks sync protocol ${PROTOCOL_VERSION}. Update the app to upload your changes; they are kept on this device.`
			})
		};
	}
	// The databases cannot store the NUL character or half of a surrogate pair in text. In a
	// change's name or args it refuses that change alone (the queue goes on); anywhere else the
	// body could never be kept, so it is refused as a whole.
	const unstorable = unstorableTextIn(outsideChanges(body.value));
	if (unstorable) {
		return {
			ok: false,
			response: apiError({
				code: 'INVALID_BODY',
				message:
					unstorable === 'nul'
						? 'The body contains a NUL character (U+0000), which cannot be stored'
						: 'The body contains half of a UTF-16 surrogate pair, which cannot be stored'
			})
		};
	}
	const checked = checkBody(body.value, schema);
	if (!checked.ok) return checked;
	// The access rules let only signed-in people reach the sync routes.
	const user = event.locals.user!;
	// A tab left open by one person must never upload into, or download, another's account.
	if ((checked.value as { userId: string }).userId !== user.id) {
		return {
			ok: false,
			response: apiError({
				code: 'SIGNED_IN_AS_SOMEONE_ELSE',
				message:
					'Someone else is signed in on this browser. Sign in again as yourself to upload your changes.'
			})
		};
	}
	return { ok: true, value: checked.value, user };
}

/** The answer to a sync request; an unexpected failure asks the device to try again later. */
export async function syncResponse(
	run: () => Promise<{ ok: true; response: unknown } | SyncRefusal>
): Promise<Response> {
	try {
		const outcome = await run();
		if (!outcome.ok) {
			return apiError({ code: outcome.code, message: outcome.message });
		}
		return json(outcome.response, { headers: { 'Cache-Control': 'no-store' } });
	} catch (error) {
		console.error('sync request failed', error);
		return apiError(
			{
				code: 'TRY_AGAIN',
				message: 'The server could not take the changes just now; they will be sent again.'
			},
			{ 'Retry-After': '5' }
		);
	}
}

/** The body with each change's name and args set aside: they are checked change by change. */
function outsideChanges(body: unknown): unknown {
	const mutations = (body as { mutations?: unknown } | null)?.mutations;
	if (!Array.isArray(mutations)) return body;
	return {
		...(body as object),
		mutations: mutations.map((change: unknown) =>
			change && typeof change === 'object' && !Array.isArray(change)
				? { ...change, name: undefined, args: undefined }
				: change
		)
	};
}
