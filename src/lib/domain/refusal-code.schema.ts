import { z } from 'zod';

/**
 * Every code the app refuses something with, on one list: the codes a change is refused or
 * superseded with (in a push's results, and on the device) and the codes a whole request is
 * answered with (`{code, message}`). Each has the one HTTP status it is answered with when it
 * refuses a request; a change refused inside a push is reported in a 200 and its status unused.
 */
const REFUSALS = {
	// A change, by the reducer (DomainError) or the push.
	INVALID_ARGS: [422, "The change's args do not match its schema; the message names the problem."],
	NOT_FOUND: [404, 'The conversation (or address) does not exist, or belongs to someone else.'],
	ALREADY_EXISTS: [409, 'conversation.start for an id that is already taken.'],
	LOCKED: [409, 'The conversation is completed; no change but answer.amend is accepted.'],
	UNKNOWN_QUESTION: [422, "The question is not in the conversation's question set."],
	INVALID_OPTION: [422, "The answer's option is not one of the question's options."],
	QUESTION_SET_MISMATCH: [422, 'The question set is not on the server, or not for the sector.'],
	INCOMPLETE: [422, 'conversation.complete while something required is missing.'],
	TRANSITION_NOT_ALLOWED: [409, 'The conversation cannot move to that status from its own.'],
	CHANGED_BY_SOMEONE_ELSE: [409, 'Someone else changed it first.'],
	NOT_RETURNED: [422, 'answer.amend of a question no manager sent back.'],
	UNKNOWN_MUTATION: [422, 'The change name is not one this server knows.'],
	UNSUPPORTED_ARGS_VERSION: [422, 'The argsVersion is not one this server knows for the name.'],
	DUPLICATE_MUTATION_ID: [409, 'The mutationId was already used by another change.'],
	CHANGED_ON_ANOTHER_DEVICE: [409, "Superseded: another device's later edit of the answer won."],
	// A whole request.
	MALFORMED_JSON: [400, 'The body is not JSON.'],
	INVALID_BODY: [400, 'The body is not the expected shape; `issues` lists each problem.'],
	INVALID_QUERY: [400, 'The query string is not valid.'],
	BAD_REQUEST: [400, 'The request could not be handled.'],
	UNAUTHENTICATED: [401, 'No valid session.'],
	SIGNED_IN_AS_SOMEONE_ELSE: [401, "The request's userId is not the signed-in person."],
	INVALID_CREDENTIALS: [401, 'The email address or password is wrong.'],
	FORBIDDEN: [403, 'The account may not use this route.'],
	DEVICE_USER_MISMATCH: [403, 'The device is registered to another person, or was revoked.'],
	METHOD_NOT_ALLOWED: [405, 'The address does not take that method.'],
	BODY_TOO_LARGE: [413, 'The body is over the limit.'],
	UNSUPPORTED_MEDIA_TYPE: [415, 'The Content-Type is not application/json.'],
	VERSION_NOT_SUPPORTED: [426, 'The sync protocol is not the one this server speaks.'],
	ACCOUNT_LOCKED: [429, 'Too many wrong passwords for the account; wait and try again.'],
	TOO_MANY_ATTEMPTS: [429, 'Too many sign-in attempts from this address; wait and try again.'],
	INTERNAL: [500, 'An unexpected failure.'],
	TRY_AGAIN: [503, 'An unexpected failure; everything was rolled back. Send it again later.']
} as const satisfies Record<string, readonly [number, string]>;

export type RefusalCode = keyof typeof REFUSALS;
const CODES = Object.keys(REFUSALS) as [RefusalCode, ...RefusalCode[]];

export const refusalCodeSchema = z.enum(CODES).meta({
	description: `Why something was refused. ${CODES.map((code) => `${code}: ${REFUSALS[code][1]}`).join(' ')}`
});

/** The HTTP status a request refused with `code` is answered with. */
export const statusFor = (code: RefusalCode): number => REFUSALS[code][0];

/** What `code` means, in one sentence. */
export const meaningOf = (code: RefusalCode): string => REFUSALS[code][1];
