export { default as Tag } from './tag.svelte';
