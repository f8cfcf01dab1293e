import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from './database';

it('runs a single statement on the embedded database after the running transaction, before the waiting ones', async () => {
	const { db, close } = await openDatabase({ memory: true });
	try {
		const order: string[] = [];
		let started!: () => void;
		let finish!: () => void;
		const running = new Promise<void>((resolve) => (started = resolve));
		const held = new Promise<void>((resolve) => (finish = resolve));
		const first = db.transaction(async (tx) => {
			await tx.execute(sql`select 1`);
			started();
			await held;
			order.push('running');
		});
		const waiting = [1, 2, 3].map((i) =>
			db.transaction(async (tx) => {
				await tx.execute(sql`select 1`);
				order.push(`waiting ${i}`);
			})
		);
		await running;
		const single = db.execute(sql`select 1`).then(() => order.push('single'));
		finish();
		await Promise.all([first, ...waiting, single]);

		expect(order).toEqual(['running', 'single', 'waiting 1', 'waiting 2', 'waiting 3']);
	} finally {
		await close();
	}
});

it('reads the network between two transactions on the embedded database', async () => {
	const { db, close } = await openDatabase({ memory: true });
	try {
		const order: string[] = [];
		const first = db.transaction(async (tx) => {
			await tx.execute(sql`select 1`);
			// A request arriving now is handled by the event loop, as setImmediate's callback is.
			setImmediate(() => order.push('request read'));
			order.push('first');
		});
		const second = db.transaction(async (tx) => {
			await tx.execute(sql`select 1`);
			order.push('second');
		});
		await Promise.all([first, second]);
		expect(order).toEqual(['first', 'request read', 'second']);
	} finally {
		await close();
	}
});
