import type { ErrorLink } from './error-summary.svelte';

export { default as ErrorSummary, type ErrorLink } from './error-summary.svelte';

/** A problem with one form field, as server form actions report it. */
export type FieldError = { field: string; message: string };

/** Error summary links to each field with a problem. */
export function linksToFields(errors: readonly FieldError[]): ErrorLink[] {
	return errors.map((error) => ({ href: `#${error.field}`, message: error.message }));
}

/** The message for `field`, if it has a problem. */
export function messageFor(errors: readonly FieldError[], field: string): string | undefined {
	return errors.find((error) => error.field === field)?.message;
}
