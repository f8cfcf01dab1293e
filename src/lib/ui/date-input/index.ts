export { default as DateInput, type DateParts } from './date-input.svelte';
