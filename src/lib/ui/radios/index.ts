export { default as Radios, type RadioItem } from './radios.svelte';
