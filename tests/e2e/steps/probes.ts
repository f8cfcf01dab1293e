import { request, type APIRequestContext } from '@playwright/test';
import { connect } from 'node:net';
import type { ServerProcess } from './server-process';

/**
 * Probe servers take the client's address from this header (adapter-node's ADDRESS_HEADER), so
 * each probe can act from an address of its own and the per-address limit of one stays out of
 * the way of another.
 */
export const PROBE_SETTINGS = { ADDRESS_HEADER: 'x-forwarded-for' };

let addresses = 0;
export const freshAddress = () => `198.51.100.${++addresses}`;

/** An HTTP client of the server from one network address, sending the site's origin as forms do. */
export function clientOf(
	server: ServerProcess,
	address = freshAddress()
): Promise<APIRequestContext> {
	return request.newContext({
		baseURL: server.baseURL,
		extraHTTPHeaders: { [PROBE_SETTINGS.ADDRESS_HEADER]: address, origin: server.baseURL }
	});
}

export const DEMO_PASSWORD = 'demo-password';

/** Signs the client in through the API as a demo account (or any account and password). */
export async function signedIn(
	client: APIRequestContext,
	email = 'admin@example.test',
	password = DEMO_PASSWORD
): Promise<APIRequestContext> {
	const response = await client.post('/api/session', { data: { email, password } });
	if (response.status() !== 200) throw new Error(`Sign-in as ${email}: ${await response.text()}`);
	return client;
}

/** An inspector account of the probe's own, made through the admin form. */
export async function newAccount(server: ServerProcess, email: string, password: string) {
	const admin = await signedIn(await clientOf(server));
	const response = await admin.post('/admin/users/new', {
		form: { name: email, email, role: 'inspector', password },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	if (response.status() !== 303) throw new Error(`Adding ${email}: ${response.status()}`);
	await admin.dispose();
}

export type RawAnswer = { head: string; body: string; closed: boolean };

/**
 * Sends `head` (and `body`, if any) on a connection of its own and reads until the server closes
 * it or `waitMs` passes: for bodies a well-behaved client would never send.
 */
export function rawExchange(
	server: ServerProcess,
	head: string,
	{ body, waitMs = 15_000 }: { body?: Buffer; waitMs?: number } = {}
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const socket = connect(server.port, '127.0.0.1');
		const chunks: Buffer[] = [];
		const finish = (closed: boolean) => {
			clearTimeout(timer);
			socket.destroy();
			const text = Buffer.concat(chunks).toString('latin1');
			const split = text.indexOf('\r\n\r\n');
			resolve({ head: text.slice(0, split), body: text.slice(split + 4), closed });
		};
		const timer = setTimeout(() => finish(false), waitMs);
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.on('close', () => finish(true));
		socket.on('error', (error) => (chunks.length > 0 ? finish(true) : reject(error)));
		socket.write(head.replaceAll('\n', '\r\n') + '\r\n\r\n');
		if (body) socket.write(body);
	});
}
