/**
 * Who uses the app on this device. The first use needs sign-in online; the person is then kept
 * in localStorage so the app opens offline without asking the server. When the server is
 * reachable it has the last word: a different person signed in there becomes the device's user.
 */
import { z } from 'zod';
import { sessionUserSchema } from '$lib/domain/accounts/account.schema';

const STORAGE_KEY = 'esf-device-user';
// Set when signing out could not reach the server, so the session there is ended on the next
// open with a connection before anyone is let in: the next person must not find it signed in.
const SIGN_OUT_PENDING_KEY = 'esf-sign-out-pending';

export const deviceUserSchema = z.object({ user: sessionUserSchema, demo: z.boolean() });
export type DeviceUser = z.infer<typeof deviceUserSchema>;

export function storedDeviceUser(): DeviceUser | null {
	try {
		const parsed = deviceUserSchema.safeParse(
			JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
		);
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export function forgetDeviceUser(): void {
	localStorage.removeItem(STORAGE_KEY);
}

/** Signs out on the server, or remembers to when it cannot be reached. */
export async function signOutOfServer(): Promise<void> {
	const ended = await fetch('/api/session', { method: 'DELETE' }).then(
		(response) => response.ok,
		() => false
	);
	if (ended) localStorage.removeItem(SIGN_OUT_PENDING_KEY);
	else localStorage.setItem(SIGN_OUT_PENDING_KEY, '1');
}

/** The sign-in form was shown, so the server holds no session any more for this device. */
export function signOutReachedServer(): void {
	localStorage.removeItem(SIGN_OUT_PENDING_KEY);
}

/**
 * The device's user: the server's answer when it gives one quickly, else the one stored. With
 * nobody stored there is nothing to fall back on, so a slow server is waited for rather than
 * sending a person who is signed in to the sign-in page.
 */
export async function resolveDeviceUser(timeoutMs = 2500): Promise<DeviceUser | null> {
	const stored = storedDeviceUser();
	if (!navigator.onLine) return stored;
	if (localStorage.getItem(SIGN_OUT_PENDING_KEY)) {
		await signOutOfServer();
		return null;
	}
	try {
		const response = await fetch('/api/session', {
			signal: AbortSignal.timeout(stored ? timeoutMs : 30_000),
			headers: { accept: 'application/json' }
		});
		if (!response.ok) return stored;
		const current = deviceUserSchema.parse(await response.json());
		localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
		return current;
	} catch {
		return stored;
	}
}
