export { default as HintAndError } from './hint-and-error.svelte';

/** The `aria-describedby` value for a field with an optional hint and error. */
export function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
	return (
		[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	);
}
