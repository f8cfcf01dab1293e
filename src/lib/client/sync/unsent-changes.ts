/**
 * Hands over the changes this device has not uploaded: a file of them to download, and the
 * upload of such a file through the normal push, under the device that made the changes. The
 * server takes each change once by its device and sequence number, so uploading a file twice,
 * or from the device itself once its sync works again, applies nothing twice.
 */
import { MAX_PUSH_BATCH } from '$lib/domain/sync/sync-protocol.schema';
import {
	unsentChangesFileSchema,
	type UnsentChangesFile
} from '$lib/domain/sync/unsent-changes.schema';
import type { ConversationDb } from '../db/db';
import { readDeviceId } from '../db/meta';
import { toPushed, withinSize } from './push-outbox';
import type { SyncFailure, SyncTransport } from './transport';

/** This device's changes still waiting to upload, or null when there are none. */
export async function exportUnsentChanges(
	db: ConversationDb,
	userId: string
): Promise<UnsentChangesFile | null> {
	const pending = await db.outbox.where('state').equals('pending').sortBy('seq');
	if (pending.length === 0) return null;
	const ids = [...new Set(pending.map((entry) => entry.conversationId))];
	const conversations = (await db.conversations.bulkGet(ids)).flatMap((row) => (row ? [row] : []));
	return {
		kind: 'esf-unsent-changes',
		formatVersion: 1,
		userId,
		deviceId: await readDeviceId(db),
		exportedAt: new Date().toISOString(),
		changes: pending.map(toPushed),
		conversations: conversations.map(({ revision: _revision, ...conversation }) => conversation)
	};
}

export type UploadReport =
	| { ok: true; changes: number; refused: Array<{ seq: number; message: string }> }
	| { ok: false; message: string };

/** Reads a file of unsent changes; a clear message for anything else. */
export function readUnsentChanges(text: string, userId: string): UnsentChangesFile | string {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return 'This file is not a file of unsent changes from this app.';
	}
	const parsed = unsentChangesFileSchema.safeParse(data);
	if (!parsed.success) {
		return 'This file is not a file of unsent changes from this app, or it is damaged.';
	}
	if (parsed.data.userId !== userId) {
		return 'This file holds another person’s changes. Only they can upload it, signed in as themselves.';
	}
	return parsed.data;
}

export async function uploadUnsentChanges(
	file: UnsentChangesFile,
	transport: SyncTransport,
	options: { appVersion: string }
): Promise<UploadReport> {
	const refused: Array<{ seq: number; message: string }> = [];
	let remaining = [...file.changes].sort((a, b) => a.seq - b.seq);
	while (remaining.length > 0) {
		const batch = withinSize(remaining.slice(0, MAX_PUSH_BATCH));
		const result = await transport.push({
			protocol: 1,
			appVersion: options.appVersion,
			userId: file.userId,
			deviceId: file.deviceId,
			sentAt: new Date().toISOString(),
			mutations: batch
		});
		if (!result.ok) return { ok: false, message: describeFailure(result.failure) };
		for (const outcome of result.body.results) {
			if (outcome.status === 'rejected') {
				refused.push({ seq: outcome.seq, message: outcome.message ?? 'Refused.' });
			}
		}
		const taken = remaining.filter((change) => change.seq <= result.body.lastSeq).length;
		if (taken === 0) {
			return {
				ok: false,
				message:
					'The server is missing earlier changes from the device this file came from, so it could not take these.'
			};
		}
		remaining = remaining.slice(taken);
	}
	return { ok: true, changes: file.changes.length, refused };
}

function describeFailure(failure: SyncFailure): string {
	if (failure.kind === 'signed-out') return 'Sign in again, then upload the file.';
	if (failure.kind === 'unreachable') return `${failure.message} Try again when you are online.`;
	return failure.message;
}
