export { default as TextInput } from './text-input.svelte';
