/**
 * Who uses the app on this device. The first use needs sign-in online; the person is then kept
 * in localStorage so the app opens offline without asking the server. When the server is
 * reachable it has the last word: a different person signed in there becomes the device's user.
 */
import { z } from 'zod';
import { sessionUserSchema } from '$lib/domain/accounts/account.schema';

const STORAGE_KEY = 'esf-device-user';

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

/** The device's user: the server's answer when it gives one quickly, else the one stored. */
export async function resolveDeviceUser(timeoutMs = 2500): Promise<DeviceUser | null> {
	const stored = storedDeviceUser();
	if (!navigator.onLine) return stored;
	try {
		const response = await fetch('/api/session', {
			signal: AbortSignal.timeout(timeoutMs),
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
