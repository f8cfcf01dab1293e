// Serves the built app (`npm start` builds first) with adapter-node's handler in a server of our
// own, so that every response, static files and the service worker included, carries the security
// headers. Form posts are checked against the site's origin; adapter-node would otherwise assume
// https, so on this machine the origin is http://localhost:PORT unless ORIGIN says otherwise (set
// ORIGIN behind a proxy or with TLS; an https ORIGIN also turns on HSTS).
import { createServer } from 'node:http';

process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// The largest body any route takes (a directory CSV); each route's own limit is lower or equal
// and is applied before its body is read (src/lib/server/http/body-limit.ts).
process.env.BODY_SIZE_LIMIT ??= '16M';

const { handler } = await import('../build/handler.js');
const { everyResponseHeaders, NOTHING_ALLOWED_POLICY } =
	await import('../src/lib/server/http/response-headers.js');

const headers = everyResponseHeaders({ https: new URL(process.env.ORIGIN).protocol === 'https:' });
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000;

/** HTML written outside the app's page template (SvelteKit's static error page) gets a policy too. */
function guardHtml(res) {
	const writeHead = res.writeHead;
	res.writeHead = function (status, ...rest) {
		const given = rest.find((arg) => arg && typeof arg === 'object') ?? {};
		const named = (name) =>
			Object.entries(given).find(([key]) => key.toLowerCase() === name)?.[1] ?? res.getHeader(name);
		if (
			/^text\/html/i.test(String(named('content-type') ?? '')) &&
			!named('content-security-policy')
		) {
			res.setHeader('Content-Security-Policy', NOTHING_ALLOWED_POLICY);
		}
		return writeHead.call(this, status, ...rest);
	};
}

const server = createServer((req, res) => {
	for (const [name, value] of headers) res.setHeader(name, value);
	res.on('close', () => {
		if (stopping) server.closeIdleConnections();
	});
	guardHtml(res);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

// Node closes an idle kept-alive connection after 5 s; a client that sends its next request on it
// at that moment gets "socket hang up". Proxies and load balancers keep connections for 60 s, so
// the server keeps them longer than that and closes them itself, never under a request.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

const host = process.env.HOST ?? '0.0.0.0';
server.listen(Number(process.env.PORT), host, () => {
	console.log(`Listening on http://${host}:${process.env.PORT}`);
});

// As adapter-node's own server does: stop taking requests, let the running ones finish, then tell
// the app (which closes the database) and exit.
let stopping = false;
function shutDown(reason) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	server.close(() => process.emit('sveltekit:shutdown', reason));
	setTimeout(() => server.closeAllConnections(), SHUTDOWN_TIMEOUT_MS).unref();
}
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
