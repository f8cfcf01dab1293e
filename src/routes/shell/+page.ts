// The offline shell: a page with no content of its own. The service worker answers every in-app
// address with it, and the client router then opens the page that was asked for.
export const prerender = true;
export const ssr = false;
