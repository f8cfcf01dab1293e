import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { flags, reviewEvents } from '../db/schema';
import { testDatabases } from '../testing/databases';
import { amendAfterReturn, reviewSetting } from './review-fixture';
import { confirmSeverity } from './severity-confirmation';

describe.each(testDatabases())('severity after an amended answer on $name', ({ open }) => {
	const setting = reviewSetting(open);

	const flagRow = async () =>
		(await setting.server.db.select().from(flags).where(eq(flags.id, setting.concern.flagId)))[0]!;
	const confirmations = () =>
		setting.server.db
			.select()
			.from(reviewEvents)
			.where(
				and(
					eq(reviewEvents.flagId, setting.concern.flagId),
					eq(reviewEvents.kind, 'severity-confirmed')
				)
			)
			.orderBy(reviewEvents.id);

	it('changes the inspector’s flag when the manager lowers its severity, and records both answers', async () => {
		await amendAfterReturn(setting, 'partly');
		await confirmSeverity(setting.server.db, setting.people.manager, setting.concern.flagId, {
			severity: 'medium',
			expectedVersion: 0
		});
		expect(await flagRow()).toMatchObject({
			severity: 'medium',
			severityRank: 2,
			reviewVersion: 1,
			severityConfirmedAt: expect.any(Date)
		});
		expect(await confirmations()).toMatchObject([
			{
				actorName: setting.people.manager.name,
				questionId: '1.1',
				details: { wasSeverity: 'high', severity: 'medium', amendedFrom: 'No', amendedTo: 'Partly' }
			}
		]);
		// The inspector's device receives the flag as the manager left it.
		const { device, conversationId } = setting.concern;
		await device.settle();
		expect((await device.db.conversations.get(conversationId))?.flags['1.1']).toMatchObject({
			severity: 'medium',
			status: 'raised'
		});
		expect(await device.db.rejected.count()).toBe(0);
	});

	it('keeps the severity when the manager confirms it, and asks no more until the next amendment', async () => {
		await amendAfterReturn(setting, 'partly');
		const versionBefore = (await flagRow()).version;
		await confirmSeverity(setting.server.db, setting.people.manager, setting.concern.flagId, {
			severity: 'high',
			expectedVersion: 0
		});
		expect(await flagRow()).toMatchObject({ severity: 'high', version: versionBefore });
		expect((await confirmations())[0]?.details).toMatchObject({
			wasSeverity: 'high',
			severity: 'high'
		});
		await expect(
			confirmSeverity(setting.server.db, setting.people.manager, setting.concern.flagId, {
				severity: 'low',
				expectedVersion: 1
			})
		).rejects.toMatchObject({
			code: 'INVALID_ARGS',
			field: 'severity',
			message: expect.stringContaining('has not been amended since')
		});
		expect(await flagRow()).toMatchObject({ severity: 'high', reviewVersion: 1 });
	});

	it('refuses a confirmation made on an older review, and one with no amendment, changing nothing', async () => {
		await expect(
			confirmSeverity(setting.server.db, setting.people.manager, setting.concern.flagId, {
				severity: 'low',
				expectedVersion: 0
			})
		).rejects.toMatchObject({ code: 'INVALID_ARGS' });
		await amendAfterReturn(setting, 'partly');
		await expect(
			confirmSeverity(setting.server.db, setting.people.manager, setting.concern.flagId, {
				severity: 'low',
				expectedVersion: 3
			})
		).rejects.toMatchObject({ code: 'CHANGED_BY_SOMEONE_ELSE' });
		await expect(
			confirmSeverity(setting.server.db, setting.people.otherManager, setting.concern.flagId, {
				severity: 'low',
				expectedVersion: 0
			})
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await flagRow()).toMatchObject({
			severity: 'high',
			reviewVersion: 0,
			severityConfirmedAt: null
		});
		expect(await confirmations()).toEqual([]);
	});
});
