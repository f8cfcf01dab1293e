import { describe, expect, it } from 'vitest';
import { httpTransport } from './transport';

const pull = {
	protocol: 1,
	userId: crypto.randomUUID(),
	deviceId: crypto.randomUUID(),
	cursor: 0,
	questionSets: []
};
const answering =
	(status: number, body: unknown = { code: 'X', message: `Answer ${status}` }): typeof fetch =>
	async () =>
		new Response(JSON.stringify(body), {
			status,
			headers: { 'content-type': 'application/json' }
		});

describe('httpTransport', () => {
	it.each([
		[401, 'signed-out'],
		[426, 'update-needed'],
		[503, 'unreachable'],
		[500, 'unreachable'],
		[429, 'unreachable'],
		[403, 'refused'],
		[400, 'refused'],
		[413, 'refused']
	])('turns %i into %s, with the server’s message', async (status, kind) => {
		const result = await httpTransport(answering(status)).pull(pull);
		expect(result).toEqual({ ok: false, failure: { kind, message: `Answer ${status}` } });
	});

	it('treats no connection, and an answer it cannot read, as the server being unreachable', async () => {
		const offline: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect(await httpTransport(offline).pull(pull)).toMatchObject({
			ok: false,
			failure: { kind: 'unreachable' }
		});
		expect(await httpTransport(answering(200, { nonsense: true })).pull(pull)).toMatchObject({
			ok: false,
			failure: { kind: 'unreachable' }
		});
	});
});
