export { default as NotificationBanner } from './notification-banner.svelte';
