import { questionIdFrom } from '$lib/domain/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import type { Severity } from '$lib/domain/conversation/conversation.schema';
import { reviewQuerySchema, type ReviewQuery } from '$lib/domain/review/review-query.schema';
import { answer, startMutation } from '$lib/testing/factories';
import { TestDevice } from '$lib/testing/sync/harness';
import type { DatabaseHandle } from '../db/database';
import { testDatabases } from '../testing/databases';
import { insertUser } from '../repos/users.repo';
import { conversationCsv, flagCsv } from './review-csv';
import { decideFlag } from './flag-decisions';
import {
	allConversations,
	allFlags,
	countConversations,
	countFlags,
	listConversations,
	listFlags
} from './review-queue';
import { conversationForReview } from './conversation-detail';
import { markConversationReviewed } from './conversation-reviewed';
import { reviewCharts } from './review-charts';
import { reviewTeams } from './review-fixture';
import type { Reviewer } from './review-scope';

const TODAY = '2026-11-23';
const place = (name: string) => DEMO_DIRECTORY.find((location) => location.name === name)!;

/** Uploads a conversation at `locationName` with a flag on each of `flags`. */
async function uploadFlags(
	server: DatabaseHandle,
	inspector: Reviewer,
	locationName: string,
	flags: Array<[questionId: string, severity: Severity, concernOption?: string]>
) {
	const device = await new TestDevice(server, {
		id: inspector.id,
		teamId: inspector.teamId
	}).open();
	const start = startMutation();
	start.args.location = place(locationName);
	const id = start.args.conversationId;
	const changes: Mutation[] = flags.flatMap(([questionId, severity, option]): Mutation[] => [
		{
			name: 'answer.set',
			argsVersion: 2,
			args: {
				conversationId: id,
				questionId: questionIdFrom(questionId),
				answer: answer(option ?? 'partly')
			}
		},
		{
			name: 'flag.set',
			argsVersion: 1,
			args: {
				conversationId: id,
				questionId: questionIdFrom(questionId),
				flag: {
					severity,
					reason: `${locationName} ${questionId}`,
					raisedBy: 'inspector',
					status: 'raised'
				}
			}
		}
	]);
	await device.record(id, start, ...changes);
	await device.settle();
	await device.db.delete();
	return id;
}

const query = (raw: Record<string, string | string[]> = {}): ReviewQuery =>
	reviewQuerySchema.parse(raw);

describe.each(testDatabases())('review queue on $name', ({ open }) => {
	let server: DatabaseHandle;
	let people: Awaited<ReturnType<typeof reviewTeams>>;
	let larkspur: string;
	let brightwell: string;
	let calm: string;

	beforeAll(async () => {
		server = await open();
		people = await reviewTeams(server);
		const northInspector = await insertUser(server.db, {
			email: `north-${crypto.randomUUID()}@example.test`,
			name: 'Nia North',
			role: 'inspector',
			teamId: people.otherManager.teamId,
			passwordHash: 'not-used'
		});
		larkspur = await uploadFlags(server, people.inspector, 'Larkspur House Care Home', [
			['1.1', 'high', 'no'],
			['2.1', 'low']
		]);
		brightwell = await uploadFlags(server, people.inspector, 'Brightwell Homecare (Hackney)', [
			['2.2', 'medium']
		]);
		calm = await uploadFlags(server, people.inspector, 'Larkspur House Care Home', []);
		await uploadFlags(
			server,
			{ ...northInspector, teamId: northInspector.teamId },
			'Kestrel Rise Residential Home',
			[['1.1', 'high', 'no']]
		);
		// Decided on 19 November, so due the next day was not in the past then; overdue by TODAY.
		await decideFlag(
			server.db,
			people.manager,
			`${brightwell}:2.2`,
			{
				action: 'follow-up',
				assigneeId: people.deputy.id,
				followUpDue: '2026-11-20',
				note: '',
				expectedVersion: 0
			},
			new Date('2026-11-19T12:00:00Z')
		);
	});
	afterAll(() => server.close());

	const ids = async (reviewer: Reviewer, raw: Record<string, string | string[]> = {}) =>
		(await listFlags(server.db, reviewer, query(raw), TODAY)).items.map((item) => item.id).sort();

	it("shows a manager their team's flags only, and an administrator every team's", async () => {
		expect(await ids(people.manager)).toEqual(
			[`${brightwell}:2.2`, `${larkspur}:1.1`, `${larkspur}:2.1`].sort()
		);
		expect(await ids(people.otherManager)).toHaveLength(1);
		expect(await ids(people.admin)).toHaveLength(4);
		expect(await ids({ ...people.inspector })).toEqual([]);
	});

	it('filters by area, severity, status, sector, region, inspector, date and overdue, with counts per choice', async () => {
		const { manager } = people;
		expect(await ids(manager, { severity: 'high' })).toEqual([`${larkspur}:1.1`]);
		expect(await ids(manager, { area: '2' })).toEqual(
			[`${brightwell}:2.2`, `${larkspur}:2.1`].sort()
		);
		expect(await ids(manager, { status: 'follow-up' })).toEqual([`${brightwell}:2.2`]);
		expect(await ids(manager, { overdue: 'yes' })).toEqual([`${brightwell}:2.2`]);
		expect(await ids(manager, { region: 'North East' })).toEqual([]);
		expect(await ids(manager, { sector: 'gp' })).toEqual([]);
		expect(await ids(manager, { inspector: people.inspector.id })).toHaveLength(3);
		expect(await ids(manager, { to: '2000-01-01' })).toEqual([]);
		const counts = await countFlags(server.db, manager, query({ area: '2' }), TODAY);
		expect(counts).toEqual({
			total: 2,
			status: { open: 1, 'follow-up': 1 },
			severity: { low: 1, medium: 1 },
			// Counts of the area filter leave the area choice out, so each area shows its own number.
			area: { 1: 1, 2: 2 },
			sector: { 'adult-social-care': 2 },
			region: { London: 2 },
			inspector: { [people.inspector.id]: 2 },
			overdue: 1
		});
	});

	it('searches by location name, postcode with or without its space, and location ID, taking % and _ literally', async () => {
		const { manager } = people;
		expect(await ids(manager, { q: 'brightWELL' })).toEqual([`${brightwell}:2.2`]);
		expect(await ids(manager, { q: 'e83rl' })).toEqual([`${brightwell}:2.2`]);
		expect(await ids(manager, { q: 'E8 3' })).toEqual([`${brightwell}:2.2`]);
		expect(await ids(manager, { q: '1-129384756' })).toHaveLength(2);
		expect(await ids(manager, { q: '%' })).toEqual([]);
		expect(await ids(manager, { q: '_' })).toEqual([]);
	});

	it('pages by cursor in every sort order without repeats or gaps, and refuses a forged cursor', async () => {
		for (const sort of ['newest', 'oldest', 'severity', 'due']) {
			const seen: string[] = [];
			let after: string | undefined;
			do {
				const page = await listFlags(
					server.db,
					people.admin,
					{ ...query({ sort }), after },
					TODAY,
					1
				);
				seen.push(...page.items.map((item) => item.id));
				after = page.next ?? undefined;
			} while (after);
			expect(new Set(seen).size, sort).toBe(4);
			expect(seen, sort).toHaveLength(4);
		}
		const bySeverity = await listFlags(
			server.db,
			people.manager,
			query({ sort: 'severity' }),
			TODAY
		);
		expect(bySeverity.items.map((item) => item.severity)).toEqual(['high', 'medium', 'low']);
		const byDue = await listFlags(server.db, people.manager, query({ sort: 'due' }), TODAY);
		expect(byDue.items[0]!.id).toBe(`${brightwell}:2.2`);
		for (const forged of [
			'not-base64!',
			Buffer.from('["x"]').toString('base64url'),
			Buffer.from('["2026-02-30T00:00:00Z","a"]').toString('base64url')
		]) {
			await expect(
				listFlags(server.db, people.manager, { ...query(), after: forged }, TODAY)
			).rejects.toMatchObject({
				code: 'INVALID_ARGS',
				message: 'This page link is out of date. Go back to the first page.'
			});
		}
	});

	it('lists conversations that need review, with why, and leaves calm ones out', async () => {
		const page = await listConversations(
			server.db,
			people.manager,
			query({ view: 'conversations' }),
			TODAY
		);
		expect(page.items.map((item) => item.id)).toEqual([larkspur]);
		expect(page.items[0]).toMatchObject({ highFlags: 1, openFlags: 2, returnsOpen: 0 });
		expect(page.items.map((item) => item.id)).not.toContain(calm);
		expect(
			await countConversations(server.db, people.manager, query({ view: 'conversations' }), TODAY)
		).toBe(1);
		// The same list as CSV, in the list's words.
		const lines: string[] = [conversationCsv.header];
		for await (const line of conversationCsv.rows(
			allConversations(server.db, people.manager, query({ view: 'conversations' }), TODAY)
		)) {
			lines.push(line);
		}
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^Conversation ID,Location ID,Location,In the directory,Postcode/);
		expect(lines[1]).toMatch(new RegExp(`^${larkspur},`));
		// This database has no directory, so the location is the device's, not the directory's.
		expect(lines[1]).toContain(',Larkspur House Care Home,No,CR0 2QT,London,Adult social care,');
		expect(lines[1]).toMatch(/,1,2,0,0\r\n$/);
	});

	it('draws the charts: flags by area and week, by region, and follow-ups by who has them', async () => {
		const charts = await reviewCharts(server.db, people.manager, query(), TODAY);
		const total = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0);
		expect(total(charts.byWeek)).toBe(3);
		expect(charts.byRegion).toEqual([{ region: 'London', count: 3 }]);
		expect(charts.followUps).toEqual([{ name: people.deputy.name, open: 1, overdue: 1 }]);
		expect(charts.weeks).toHaveLength(13);
		const admin = await reviewCharts(server.db, people.admin, query({ severity: 'high' }), TODAY);
		expect(total(admin.byRegion)).toBe(2);
	});

	it('exports every matching flag as CSV with the same filters', async () => {
		const lines: string[] = [flagCsv.header];
		for await (const line of flagCsv.rows(
			allFlags(server.db, people.manager, query({ area: '2' }), TODAY),
			TODAY
		)) {
			lines.push(line);
		}
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(
			/^Flag ID,Location ID,Location,Postcode,Region,Sector,Inspector,Question,Area,Severity,Reason/
		);
		const brightwellLine = lines.find((line) => line.startsWith(`${brightwell}:2.2`))!;
		expect(brightwellLine).toContain(',Brightwell Homecare (Hackney),');
		expect(brightwellLine).toMatch(/,Follow-up,,,Dee Deputy,2026-11-20,Yes,/);
		expect(brightwellLine).toMatch(/,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0[01]:00\r\n$/);
	});

	it('shows the follow-ups assigned to the reviewer with "assigned to me"', async () => {
		expect(await ids(people.deputy, { mine: 'yes' })).toEqual([`${brightwell}:2.2`]);
		expect(await ids(people.manager, { mine: 'yes' })).toEqual([]);
		const conversations = await listConversations(
			server.db,
			people.deputy,
			query({ view: 'conversations', mine: 'yes' }),
			TODAY
		);
		expect(conversations.items).toEqual([]);
	});

	it('reads several values of one filter as any of them', async () => {
		const { manager } = people;
		expect(await ids(manager, { severity: ['high', 'low'] })).toEqual(
			[`${larkspur}:1.1`, `${larkspur}:2.1`].sort()
		);
		expect(await ids(manager, { area: ['1', '2'] })).toHaveLength(3);
		expect(await ids(manager, { area: ['1', '2'], severity: ['medium'] })).toEqual([
			`${brightwell}:2.2`
		]);
	});

	// Near the end: it resolves a flag the tests above count.
	it('leaves resolved flags out unless a status is chosen, and counts every status', async () => {
		const { manager } = people;
		await decideFlag(server.db, manager, `${larkspur}:2.1`, {
			action: 'resolve',
			note: 'Handled on the call',
			expectedVersion: 0
		});
		expect(await ids(manager)).toEqual([`${brightwell}:2.2`, `${larkspur}:1.1`].sort());
		expect(await ids(manager, { status: 'resolved' })).toEqual([`${larkspur}:2.1`]);
		expect(await ids(manager, { status: ['resolved', 'open'] })).toEqual(
			[`${larkspur}:1.1`, `${larkspur}:2.1`].sort()
		);
		const counts = await countFlags(server.db, manager, query(), TODAY);
		expect(counts.total).toBe(2);
		expect(counts.status).toMatchObject({ open: 1, 'follow-up': 1, resolved: 1 });
		// The charts show every flag whatever its status.
		const charts = await reviewCharts(server.db, manager, query(), TODAY);
		expect(charts.byRegion).toEqual([{ region: 'London', count: 3 }]);
	});

	// Last: it adds a conversation with flags.
	it('takes a conversation marked reviewed off the list until something new to look at arrives', async () => {
		const { manager, inspector } = people;
		const device = await new TestDevice(server, {
			id: inspector.id,
			teamId: inspector.teamId
		}).open();
		const start = startMutation();
		start.args.location = place('Brightwell Homecare (Hackney)');
		const id = start.args.conversationId;
		const set = (questionId: string, option: string, notes = ''): Mutation => ({
			name: 'answer.set',
			argsVersion: 2,
			args: {
				conversationId: id,
				questionId: questionIdFrom(questionId),
				answer: answer(option, notes)
			}
		});
		const listed = async () =>
			(
				await listConversations(server.db, manager, query({ view: 'conversations' }), TODAY)
			).items.map((item) => item.id);
		await device.record(id, start, set('1.1', 'no'));
		await device.settle();
		expect(await listed()).toContain(id);

		await markConversationReviewed(server.db, manager, id, 'Called the provider back');
		expect(await listed()).not.toContain(id);
		const detail = await conversationForReview(server.db, manager, id);
		expect(detail?.reviewed).toMatchObject({
			by: manager.name,
			note: 'Called the provider back',
			newSince: false
		});
		expect(detail?.events.at(-1)).toMatchObject({
			kind: 'conversation-reviewed',
			note: 'Called the provider back'
		});

		// More notes on the same answer, and a calm answer elsewhere, bring nothing new.
		await device.record(id, set('1.1', 'no', 'More detail'), set('2.1', 'yes'));
		await device.settle();
		expect(await listed()).not.toContain(id);
		// A second answer of serious concern does.
		await device.record(id, set('1.2', 'no'));
		await device.settle();
		expect(await listed()).toContain(id);
		expect((await conversationForReview(server.db, manager, id))?.reviewed?.newSince).toBe(true);
		await expect(
			markConversationReviewed(server.db, people.otherManager, id, 'Not mine')
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await device.db.delete();
	});
});
