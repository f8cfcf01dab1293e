export { default as HintAndError } from './hint-and-error.svelte';
export { default as CharacterCount } from './character-count.svelte';

/** The `aria-describedby` value for a field with an optional hint, error and character count. */
export function describedBy(
	id: string,
	hint?: string,
	error?: string | readonly string[] | null,
	counted = false
): string | undefined {
	const ids = [
		counted ? `${id}-info` : '',
		hint ? `${id}-hint` : '',
		error?.length ? `${id}-error` : ''
	];
	return ids.filter(Boolean).join(' ') || undefined;
}
