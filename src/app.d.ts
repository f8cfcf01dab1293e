import type { SessionUser } from '$lib/domain/accounts/account.schema';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** The signed-in person, or null. */
			user: SessionUser | null;
		}
	}
	namespace NodeJS {
		interface Process {
			once(event: 'sveltekit:shutdown', listener: (reason: string) => void): this;
		}
	}
}

export {};
