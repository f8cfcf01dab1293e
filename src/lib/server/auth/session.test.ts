import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { testDatabases } from '../testing/databases';
import { updateUser } from '../repos/users.repo';
import { createUser } from '../services/users.service';
import { ABSOLUTE_MS, IDLE_MS, createSession, deleteSession, validateSession } from './session';

describe.each(testDatabases())('sessions on $name', ({ open }) => {
	let handle: DatabaseHandle;
	let userId: string;
	const now = new Date('2026-03-02T09:00:00Z');
	const later = (ms: number) => new Date(now.getTime() + ms);

	beforeAll(async () => {
		handle = await open();
		userId = (
			await createUser(
				handle.db,
				{
					email: 's@example.test',
					name: 'S',
					role: 'manager',
					teamId: null,
					region: null,
					password: 'long enough password'
				},
				null
			)
		).id;
	});
	afterAll(() => handle.close());

	it('stores only a hash of the token and finds the user by the token', async () => {
		const { token } = await createSession(handle.db, userId, now);
		const rows = await handle.db.query.sessions.findMany();
		expect(rows.some((row) => row.id === token)).toBe(false);
		expect((await validateSession(handle.db, token, later(1000)))?.user.id).toBe(userId);
		expect(await validateSession(handle.db, 'made-up-token', now)).toBeNull();
	});

	it('ends after a day unused, but not while in use, and always after 14 days', async () => {
		const idle = await createSession(handle.db, userId, now);
		expect(await validateSession(handle.db, idle.token, later(IDLE_MS + 1000))).toBeNull();
		const busy = await createSession(handle.db, userId, now);
		for (let day = 1; day < 14; day++) {
			expect(
				await validateSession(handle.db, busy.token, later(day * IDLE_MS - 60_000))
			).not.toBeNull();
		}
		expect(await validateSession(handle.db, busy.token, later(ABSOLUTE_MS + 1000))).toBeNull();
	});

	it('ends on sign-out and when the account is deactivated', async () => {
		const first = await createSession(handle.db, userId, now);
		await deleteSession(handle.db, first.token);
		expect(await validateSession(handle.db, first.token, now)).toBeNull();
		const second = await createSession(handle.db, userId, now);
		await updateUser(handle.db, userId, { active: false });
		expect(await validateSession(handle.db, second.token, now)).toBeNull();
	});
});
