export { default as Checkboxes, type CheckboxItem } from './checkboxes.svelte';
