/**
 * The embedded database runs one thing at a time, first come first served, and a transaction
 * holds it from BEGIN to COMMIT. Fifty uploads queued there would make a one-statement health
 * check or page read wait for all fifty. So transactions take turns here instead, one inside the
 * database at a time, and a single statement waits at most for the transaction running.
 */
import type { PGlite } from '@electric-sql/pglite';

export function takeTransactionTurns(client: PGlite): void {
	const transaction = client.transaction.bind(client);
	let last: Promise<unknown> = Promise.resolve();
	client.transaction = ((callback) => {
		const turn = last.then(() => transaction(callback));
		last = turn.catch(() => undefined);
		return turn;
	}) as PGlite['transaction'];
}
