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
	constructor(code: DomainErrorCode, message: string) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
	}
}
