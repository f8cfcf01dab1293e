import type { RefusalCode } from './refusal-code.schema';

/** Why the reducer refused a change. The same codes reach the device from the server. */
export type DomainErrorCode = Extract<
	RefusalCode,
	| 'INVALID_ARGS'
	| 'NOT_FOUND'
	| 'ALREADY_EXISTS'
	| 'LOCKED'
	| 'UNKNOWN_QUESTION'
	| 'INVALID_OPTION'
	| 'QUESTION_SET_MISMATCH'
	| 'INCOMPLETE'
	| 'TRANSITION_NOT_ALLOWED'
	| 'CHANGED_BY_SOMEONE_ELSE'
	| 'NOT_RETURNED'
>;

export class DomainError extends Error {
	readonly code: DomainErrorCode;
	/** The form field the refusal is about, where a form made the request. */
	readonly field: string | undefined;
	constructor(code: DomainErrorCode, message: string, field?: string) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.field = field;
	}
}
