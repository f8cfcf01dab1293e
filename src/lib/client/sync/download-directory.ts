/**
 * Downloads the directory of the person's region a page at a time, reporting progress, and puts
 * it on the device in one transaction once every page has arrived. An unchanged directory costs
 * one conditional request (304).
 */
import type { Location } from '$lib/domain/directory/location.schema';
import { directoryPageSchema } from '$lib/domain/directory/directory-page.schema';
import type { ConversationDb } from '../db/db';
import { heldDirectory, replaceDirectory } from '../db/reference.repo';
import type { SyncFailure } from './transport';

export type Progress = { done: number; total: number };

export async function downloadDirectory(
	db: ConversationDb,
	region: string,
	options: { fetcher?: typeof fetch; onProgress?: (progress: Progress) => void } = {}
): Promise<{ ok: true; changed: boolean } | { ok: false; failure: SyncFailure }> {
	const fetcher = options.fetcher ?? fetch;
	const held = await heldDirectory(db);
	const received: Location[] = [];
	let after: string | null = null;
	let version: string | null = null;
	let etag: string | null = null;
	for (;;) {
		const query = new URLSearchParams({ region, ...(after ? { after } : {}) });
		const conditional = !after && held?.region === region && held.etag;
		let response: Response;
		try {
			response = await fetcher(`/api/directory?${query}`, {
				headers: conditional ? { 'if-none-match': held.etag! } : {},
				signal: AbortSignal.timeout(60_000)
			});
		} catch {
			return failed('unreachable', 'No connection to the server.');
		}
		if (response.status === 304) return { ok: true, changed: false };
		if (response.status === 401) return failed('signed-out', 'Your session has ended.');
		if (!response.ok) {
			return failed('unreachable', `The directory could not be downloaded (${response.status}).`);
		}
		const page = directoryPageSchema.safeParse(await response.json().catch(() => null));
		if (!page.success) return failed('unreachable', 'The directory sent could not be read.');
		if (version !== null && page.data.version !== version) {
			return failed(
				'unreachable',
				'The directory changed while it was downloading; it will be downloaded again.'
			);
		}
		version = page.data.version;
		etag ??= response.headers.get('etag');
		received.push(...page.data.locations);
		options.onProgress?.({ done: received.length, total: page.data.total });
		if (!page.data.next) break;
		after = page.data.next;
	}
	await replaceDirectory(db, { region, etag }, received);
	return { ok: true, changed: true };
}

function failed(kind: SyncFailure['kind'], message: string) {
	return { ok: false as const, failure: { kind, message } as SyncFailure };
}
