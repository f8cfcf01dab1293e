import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import { testDatabases } from '../testing/databases';
import { conversationForReview } from './conversation-detail';
import { ukTimeWithOffset } from '$lib/domain/csv/uk-time';
import { auditCsvHeader, auditCsvRows } from './audit-csv';
import { commentOnFlag, decideFlag } from './flag-decisions';
import { followUpsAssignedTo } from './follow-ups';
import { reviewSetting } from './review-fixture';
import type { Reviewer } from './review-scope';

it('writes times as in the UK, with the offset from UTC of the day', () => {
	expect(ukTimeWithOffset(new Date('2026-07-01T13:05:09Z'))).toBe('2026-07-01 14:05:09 +01:00');
	expect(ukTimeWithOffset(new Date('2026-12-07T21:55:02Z'))).toBe('2026-12-07 21:55:02 +00:00');
});

describe.each(testDatabases())('the audit trail as CSV on $name', ({ open }) => {
	const setting = reviewSetting(open);

	const read = async (reviewer: Reviewer, conversationId = setting.concern.conversationId) => {
		const rows: string[] = [];
		for await (const row of auditCsvRows(setting.server.db, reviewer, conversationId)) {
			rows.push(row);
		}
		return rows;
	};

	it('holds every event with every detail, oldest first, for the team’s managers only', async () => {
		await decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'escalate',
			escalatedTo: 'adult-social-services',
			urgency: 'urgent',
			assigneeId: setting.people.deputy.id,
			followUpDue: '2099-12-01',
			note: 'Called the DASS delegate, "urgent"',
			expectedVersion: 0
		});
		await commentOnFlag(
			setting.server.db,
			setting.people.deputy,
			setting.concern.flagId,
			'=Spoke to the provider'
		);
		expect(auditCsvHeader).toBe(
			'Event ID,When (UK time),Conversation ID,Location ID,Location,Question,Who,What,Note\r\n'
		);
		const rows = await read(setting.people.manager);
		expect(rows).toHaveLength(3);
		expect(rows[0]).toContain('High flag on question 1.1 raised by the answer given');
		expect(rows[0]).toContain(',Ina Inspector,');
		expect(rows[1]).toContain(
			'Flag on question 1.1: Open to Escalated: escalated to Local authority'
		);
		expect(rows[1]).toContain('urgently; followed up by Dee Deputy, due 1 Dec 2099');
		expect(rows[1]).toContain('"Called the DASS delegate, ""urgent"""');
		// A note that a spreadsheet would run as a formula is written as text.
		expect(rows[2]).toContain(",'=Spoke to the provider\r\n");
		expect(rows.every((row) => row.includes(setting.concern.conversationId))).toBe(true);
		const ids = rows.map((row) => Number(row.split(',')[0]));
		expect(ids).toEqual([...ids].sort((a, b) => a - b));

		expect(await read(setting.people.otherManager)).toEqual([]);
		expect(await read(setting.people.admin)).toEqual(rows);
		// The whole scope holds this conversation's events among the team's others.
		const everything: string[] = [];
		for await (const row of auditCsvRows(setting.server.db, setting.people.manager)) {
			everything.push(row);
		}
		expect(everything).toEqual(expect.arrayContaining(rows));
	});

	it('records a changed follow-up, who and when, and marks an assignee deactivated since', async () => {
		const followUp = (assigneeId: string, followUpDue: string, expectedVersion: number) =>
			decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
				action: 'follow-up',
				assigneeId,
				followUpDue,
				note: '',
				expectedVersion
			});
		await followUp(setting.people.deputy.id, '2099-11-01', 0);
		await followUp(setting.people.manager.id, '2099-11-08', 1);
		const rows = await read(setting.people.manager);
		expect(rows[1]).toContain(
			'Flag on question 1.1: Open to Follow-up: followed up by Dee Deputy, due 1 Nov 2099'
		);
		expect(rows[2]).toContain(
			'Follow-up of the flag on question 1.1 changed: followed up by Mo Manager, due 8 Nov 2099'
		);
		// Deactivated, the assignee keeps the follow-up, marked so that someone else is chosen.
		await setting.server.db
			.update(users)
			.set({ active: false })
			.where(eq(users.id, setting.people.manager.id));
		const detail = await conversationForReview(
			setting.server.db,
			setting.people.deputy,
			setting.concern.conversationId
		);
		expect(detail?.flags.find((entry) => entry.flag.id === setting.concern.flagId)).toMatchObject({
			assigneeName: 'Mo Manager',
			assigneeActive: false
		});
		// The administrator's page of the person lists them to hand on.
		expect(await followUpsAssignedTo(setting.server.db, setting.people.manager.id)).toEqual([
			{
				conversationId: setting.concern.conversationId,
				questionId: '1.1',
				locationName: expect.any(String),
				followUpDue: '2099-11-08'
			}
		]);
	});
});
