/**
 * The embedded database runs one thing at a time, first come first served, and a transaction
 * holds it from BEGIN to COMMIT. Fifty uploads queued there would make a one-statement health
 * check or page read wait for all fifty. So transactions take turns here instead, one inside the
 * database at a time, and a single statement waits at most for the transaction running.
 *
 * The embedded database answers on the same thread, through promises only, so queued turns would
 * otherwise follow one another without the event loop ever reading the network: every request
 * that arrived meanwhile, even for a static file, waited for the whole queue. Each turn therefore
 * starts after a macrotask, once the requests that arrived have been read.
 */
import type { PGlite } from '@electric-sql/pglite';

export function takeTransactionTurns(client: PGlite): void {
	const transaction = client.transaction.bind(client);
	let last: Promise<unknown> = Promise.resolve();
	client.transaction = ((callback) => {
		const turn = last.then(afterPendingInput).then(() => transaction(callback));
		last = turn.catch(() => undefined);
		return turn;
	}) as PGlite['transaction'];
}

const afterPendingInput = () => new Promise<void>((resolve) => setImmediate(resolve));
