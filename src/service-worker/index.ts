/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Precaches every build asset, static file and the prerendered shell, so the inspector's app
 * starts with no network. Inspector pages are answered with the shell, and the client router
 * opens the page asked for. Every other page comes from the server, and from the shell when the
 * server cannot be reached, so the app says what needs a connection instead of the browser's
 * error page. A new version waits until the page asks it to take over.
 */
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	matchPrecache,
	precacheAndRoute
} from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { SHELL_PATH, isInspectorPath } from './inspector-paths';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute([
	// Immutable assets carry a content hash in their name; everything else is revised per version.
	...build.map((url) => ({ url, revision: url.includes('/immutable/') ? null : version })),
	...files.map((url) => ({ url, revision: version })),
	...prerendered.map((url) => ({ url, revision: version })),
	{ url: SHELL_PATH, revision: version }
]);
cleanupOutdatedCaches();
// The first install takes charge of the open page at once, so it works offline after one visit.
clientsClaim();

registerRoute(
	({ request, url }) =>
		request.mode === 'navigate' &&
		url.origin === self.location.origin &&
		isInspectorPath(url.pathname),
	createHandlerBoundToURL(SHELL_PATH)
);

registerRoute(
	({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin,
	async ({ request }) => {
		try {
			return await fetch(request);
		} catch {
			return (await matchPrecache(SHELL_PATH)) ?? Response.error();
		}
	}
);

self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
