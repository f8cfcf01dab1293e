import type { FlagDecision } from '$lib/domain/review/flag-review.schema';
import { reviewQuerySchema } from '$lib/domain/review/review-query.schema';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { flags } from '../db/schema';
import { testDatabases } from '../testing/databases';
import { decideFlag } from './flag-decisions';
import { amendAfterReturn, reviewSetting } from './review-fixture';
import { listFlags } from './review-queue';
import { confirmSeverity } from './severity-confirmation';

const TODAY = '2026-12-07';
const attention = reviewQuerySchema.parse({ attention: 'yes', q: '' });

describe.each(testDatabases())('flags that need attention on $name', ({ open }) => {
	const setting = reviewSetting(open);

	const needsAttention = async () =>
		(await listFlags(setting.server.db, setting.people.manager, attention, TODAY)).items.some(
			(item) => item.id === setting.concern.flagId
		);
	const decide = (decision: Record<string, unknown>, expectedVersion: number) =>
		decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			...decision,
			expectedVersion
		} as FlagDecision);

	it('lists a new high flag, an urgent escalation and an overdue follow-up, and not one dealt with', async () => {
		expect(await needsAttention()).toBe(true);
		await decide({ action: 'acknowledge', note: '' }, 0);
		expect(await needsAttention()).toBe(false);
		await decide(
			{
				action: 'escalate',
				escalatedTo: 'adult-social-services',
				urgency: 'routine',
				assigneeId: setting.people.deputy.id,
				followUpDue: '2099-01-01',
				note: ''
			},
			1
		);
		expect(await needsAttention()).toBe(false);
		await setting.server.db
			.update(flags)
			.set({ followUpDue: '2026-12-06' })
			.where(eq(flags.id, setting.concern.flagId));
		expect(await needsAttention()).toBe(true);
		await decide({ action: 'resolve', note: 'Done' }, 2);
		expect(await needsAttention()).toBe(false);
	});

	it('lists a flag whose answer was amended until a manager weighs its severity', async () => {
		await decide({ action: 'acknowledge', note: '' }, 0);
		await amendAfterReturn(setting, 'partly');
		expect(await needsAttention()).toBe(true);
		await confirmSeverity(setting.server.db, setting.people.manager, setting.concern.flagId, {
			severity: 'high',
			expectedVersion: 1
		});
		expect(await needsAttention()).toBe(false);
	});
});
