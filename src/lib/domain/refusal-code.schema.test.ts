import { describe, expect, it } from 'vitest';
import { refusalCodeSchema, statusFor } from './refusal-code.schema';

describe('refusal codes', () => {
	it('answer a refused request with the status each code has always had on the wire', () => {
		const wire = {
			MALFORMED_JSON: 400,
			INVALID_BODY: 400,
			INVALID_QUERY: 400,
			UNAUTHENTICATED: 401,
			SIGNED_IN_AS_SOMEONE_ELSE: 401,
			INVALID_CREDENTIALS: 401,
			FORBIDDEN: 403,
			DEVICE_USER_MISMATCH: 403,
			NOT_FOUND: 404,
			METHOD_NOT_ALLOWED: 405,
			BODY_TOO_LARGE: 413,
			UNSUPPORTED_MEDIA_TYPE: 415,
			VERSION_NOT_SUPPORTED: 426,
			ACCOUNT_LOCKED: 429,
			TOO_MANY_ATTEMPTS: 429,
			INTERNAL: 500,
			TRY_AGAIN: 503
		} as const;
		for (const [code, status] of Object.entries(wire)) {
			expect(statusFor(code as keyof typeof wire), code).toBe(status);
		}
	});

	it('give every code an error status and a meaning in the schema description', () => {
		const description = refusalCodeSchema.description ?? '';
		for (const code of refusalCodeSchema.options) {
			expect(statusFor(code), code).toBeGreaterThanOrEqual(400);
			expect(description, code).toContain(`${code}: `);
		}
	});

	it('are a closed list: a code not on it is not one', () => {
		expect(refusalCodeSchema.safeParse('CHANGED_ON_ANOTHER_DEVICE').success).toBe(true);
		expect(refusalCodeSchema.safeParse('SOMETHING_ELSE').success).toBe(false);
	});
});
