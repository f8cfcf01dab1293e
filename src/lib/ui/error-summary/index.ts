export { default as ErrorSummary, type ErrorLink } from './error-summary.svelte';
