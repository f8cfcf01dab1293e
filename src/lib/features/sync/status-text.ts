import type { SyncState } from '$lib/client/sync/sync-engine.svelte';

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;
export const clockTime = (at: string | number) =>
	new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * The sync state in plain words: a headline and, where useful, what happens next. `pending` is
 * null until the outbox has been read, and nothing is claimed before then.
 */
export function statusText(
	state: SyncState,
	pending: number | null,
	online: boolean
): { headline: string; detail: string } {
	if (pending === null) return { headline: 'Checking for changes to upload…', detail: '' };
	const last = state.lastSyncAt ? `Last upload ${clockTime(state.lastSyncAt)}.` : '';
	switch (state.phase) {
		case 'signed-out':
			return {
				headline: `Sign in to upload ${changes(pending)}`,
				detail: 'Your session has ended. Everything stays saved on this device.'
			};
		case 'update-needed':
			return {
				headline: `Update the app to upload ${changes(pending)}`,
				detail: 'Your changes are kept on this device until the app is updated.'
			};
		case 'syncing':
			return {
				headline: pending > 0 ? `Uploading ${changes(pending)}…` : 'Checking for updates…',
				detail: last
			};
		case 'unreachable':
			if (!online) {
				return {
					headline: pending > 0 ? `Offline: ${changes(pending)} saved on this device` : 'Offline',
					detail: `They upload when you are back online. ${last}`.trim()
				};
			}
			return {
				headline:
					pending > 0 ? `${changes(pending)} waiting to upload` : 'Could not check for updates',
				detail:
					`${state.message} ${state.retrying ? 'Trying again now.' : state.retryAt ? `Trying again at ${clockTime(state.retryAt)}.` : ''}`.trim()
			};
		case 'refused':
			return {
				headline: pending > 0 ? `${changes(pending)} not uploaded` : 'Sync stopped',
				detail: state.message
			};
		default:
			return {
				headline: pending > 0 ? `${changes(pending)} waiting to upload` : 'All changes uploaded',
				detail: last
			};
	}
}

/**
 * What a screen reader hears when the sync state changes; nothing while all is well. A sync
 * under way is not a change of state, so it neither announces nor clears the last announcement.
 */
export function announcementFor(phase: SyncState['phase'], online: boolean): string | null {
	switch (phase) {
		case 'starting':
		case 'syncing':
			return null;
		case 'signed-out':
			return 'Sign in to upload your changes.';
		case 'update-needed':
			return 'Update the app to upload your changes.';
		case 'unreachable':
			return online
				? 'Changes could not be uploaded yet.'
				: 'Offline. Changes are saved on this device.';
		case 'refused':
			return 'The server did not take the upload.';
		default:
			return '';
	}
}
