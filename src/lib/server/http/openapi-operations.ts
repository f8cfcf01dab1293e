/**
 * The parts the OpenAPI operations are built of. An error's status is the one `statusFor` gives
 * its code, the same function the routes answer with, so the document lists what the server
 * sends.
 */
import { z } from 'zod';
import { meaningOf, statusFor, type RefusalCode } from '$lib/domain/refusal-code.schema';
import { schemaRef, type ComponentName } from './openapi-schemas';

export type JsonObject = Record<string, unknown>;

export const jsonContent = (name: ComponentName) => ({
	'application/json': { schema: { $ref: schemaRef(name) } }
});
const RETRY_AFTER = {
	'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } }
};

/** The error answers for `codes`, one per status, each listing its codes and what they mean. */
export function errors(...codes: RefusalCode[]): Record<string, JsonObject> {
	const byStatus = new Map<number, RefusalCode[]>();
	for (const code of codes) {
		byStatus.set(statusFor(code), [...(byStatus.get(statusFor(code)) ?? []), code]);
	}
	const responses: Record<string, JsonObject> = {};
	for (const [status, listed] of [...byStatus].sort(([a], [b]) => a - b)) {
		responses[String(status)] = {
			description: listed.map((code) => `${code}: ${meaningOf(code)}`).join(' '),
			content: jsonContent('ApiError'),
			...(listed.includes('TRY_AGAIN') ? { headers: RETRY_AFTER } : {})
		};
	}
	return responses;
}

export const READ_JSON: RefusalCode[] = [
	'MALFORMED_JSON',
	'INVALID_BODY',
	'BODY_TOO_LARGE',
	'UNSUPPORTED_MEDIA_TYPE'
];

export function syncOperation(
	operationId: string,
	summary: string,
	description: string,
	request: ComponentName,
	response: ComponentName
): JsonObject {
	return {
		operationId,
		summary,
		description,
		tags: ['sync'],
		security: [{ session: [] }],
		requestBody: { required: true, content: jsonContent(request) },
		responses: {
			'200': { description: 'Processed.', content: jsonContent(response) },
			...errors(
				...READ_JSON,
				'UNAUTHENTICATED',
				'SIGNED_IN_AS_SOMEONE_ELSE',
				'DEVICE_USER_MISMATCH',
				'VERSION_NOT_SUPPORTED',
				'TRY_AGAIN'
			)
		}
	};
}

export function queryParameters(schema: z.ZodObject): JsonObject[] {
	return Object.entries(schema.shape).map(([name, field]) => {
		const {
			$schema: _schema,
			description,
			...fieldSchema
		} = z.toJSONSchema(field as z.ZodType, {
			io: 'input',
			unrepresentable: 'any'
		});
		return {
			name,
			in: 'query',
			required: !(field as z.ZodType).safeParse(undefined).success,
			...(description ? { description } : {}),
			schema: fieldSchema
		};
	});
}
