// The offline shell: a page with no content of its own. The service worker caches it and answers
// every inspector address with it; the client router then opens the page that was asked for.
// It is rendered by the server, not prerendered, so it carries the security headers.
export const ssr = false;
