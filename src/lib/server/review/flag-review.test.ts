import { questionIdFrom } from '$lib/domain/ids';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../db/database';
import { flags, questionReturns, reviewEvents } from '../db/schema';
import { testDatabases } from '../testing/databases';
import { commentOnFlag, decideFlag } from './flag-decisions';
import { sendQuestionBack } from './question-returns';
import { conversationForReview } from './conversation-detail';
import { reviewSetting } from './review-fixture';

describe.each(testDatabases())('flag review on $name', ({ open }) => {
	const setting = reviewSetting(open);

	const flagRow = async () =>
		(await setting.server.db.select().from(flags).where(eq(flags.id, setting.concern.flagId)))[0]!;
	const fullTrail = () =>
		setting.server.db
			.select()
			.from(reviewEvents)
			.where(eq(reviewEvents.flagId, setting.concern.flagId))
			.orderBy(reviewEvents.id);
	/** The managers' part of the flag's trail; the inspector's raising of it comes first. */
	const trail = async () => (await fullTrail()).filter((event) => !event.kind.startsWith('flag-'));

	it('walks a flag through its lifecycle, recording who, when, from and to for every step', async () => {
		const { manager } = setting.people;
		// The upload that raised it put the inspector's part first.
		expect(await fullTrail()).toMatchObject([
			{
				kind: 'flag-raised',
				actorName: setting.people.inspector.name,
				details: { severity: 'high', raisedBy: 'answer' }
			}
		]);
		await decideFlag(setting.server.db, manager, setting.concern.flagId, {
			action: 'acknowledge',
			note: '',
			expectedVersion: 0
		});
		await decideFlag(setting.server.db, manager, setting.concern.flagId, {
			action: 'escalate',
			escalatedTo: 'adult-social-services',
			urgency: 'urgent',
			assigneeId: setting.people.deputy.id,
			followUpDue: '2099-12-01',
			note: 'Called the DASS delegate',
			expectedVersion: 1
		});
		await commentOnFlag(
			setting.server.db,
			manager,
			setting.concern.flagId,
			'Provider sent its plan'
		);
		await decideFlag(setting.server.db, manager, setting.concern.flagId, {
			action: 'resolve',
			note: 'Plan in place',
			expectedVersion: 2
		});

		const row = await flagRow();
		expect(row).toMatchObject({
			reviewStatus: 'resolved',
			escalatedTo: 'adult-social-services',
			urgency: 'urgent',
			assigneeId: setting.people.deputy.id,
			followUpDue: '2099-12-01',
			reviewVersion: 3,
			reviewedBy: manager.id
		});
		const events = await trail();
		expect(
			events.map((event) => [
				event.kind,
				event.fromStatus,
				event.toStatus,
				event.actorName,
				event.note
			])
		).toEqual([
			['decision', 'open', 'acknowledged', 'Mo Manager', ''],
			['decision', 'acknowledged', 'escalated', 'Mo Manager', 'Called the DASS delegate'],
			['comment', null, null, 'Mo Manager', 'Provider sent its plan'],
			['decision', 'escalated', 'resolved', 'Mo Manager', 'Plan in place']
		]);
		expect(events[1]!.details).toMatchObject({
			escalatedTo: 'adult-social-services',
			urgency: 'urgent',
			assigneeId: setting.people.deputy.id,
			assigneeName: setting.people.deputy.name
		});
	});

	it('keeps the audit trail append-only: the database refuses to change or delete an entry', async () => {
		await commentOnFlag(
			setting.server.db,
			setting.people.manager,
			setting.concern.flagId,
			'First look'
		);
		const refusal = (statement: Promise<unknown>) =>
			statement.then(
				() => 'changed',
				(error: Error) => String((error.cause as Error | undefined)?.message ?? error.message)
			);
		expect(
			await refusal(setting.server.db.execute(sql`update review_events set note = 'rewritten'`))
		).toMatch(/append-only/);
		expect(await refusal(setting.server.db.execute(sql`delete from review_events`))).toMatch(
			/append-only/
		);
		expect((await trail()).map((event) => event.note)).toEqual(['First look']);
	});

	it('refuses a transition the lifecycle does not allow, with a message, and changes nothing', async () => {
		await decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'resolve',
			note: 'Handled by phone',
			expectedVersion: 0
		});
		const refused = decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'escalate',
			escalatedTo: 'integrated-care-board',
			urgency: 'routine',
			assigneeId: null,
			followUpDue: null,
			note: '',
			expectedVersion: 1
		});
		await expect(refused).rejects.toMatchObject({
			code: 'TRANSITION_NOT_ALLOWED',
			message: expect.stringContaining(
				'A flag that is resolved cannot be changed with "escalate". Reopen it first.'
			)
		});
		expect(await flagRow()).toMatchObject({
			reviewStatus: 'resolved',
			escalatedTo: null,
			reviewVersion: 1
		});
		expect(await trail()).toHaveLength(1);
	});

	it('tells the second of two managers who changed the flag and when, and overwrites nothing', async () => {
		// Both opened the flag at review version 0.
		await decideFlag(
			setting.server.db,
			setting.people.deputy,
			setting.concern.flagId,
			{
				action: 'escalate',
				escalatedTo: 'regional-incident-centre',
				urgency: 'urgent',
				assigneeId: null,
				followUpDue: null,
				note: 'Urgent',
				expectedVersion: 0
			},
			new Date('2026-11-23T14:02:00Z')
		);
		const second = decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'resolve',
			note: 'Nothing to do',
			expectedVersion: 0
		});
		await expect(second).rejects.toMatchObject({
			code: 'CHANGED_BY_SOMEONE_ELSE',
			message: expect.stringMatching(
				/^Dee Deputy changed this flag at \d\d:\d\d on 23 November 2026 \(it is now escalated\)/
			)
		});
		expect(await flagRow()).toMatchObject({
			reviewStatus: 'escalated',
			reviewNote: 'Urgent',
			reviewVersion: 1
		});
	});

	it('refuses two managers deciding at the same moment: exactly one decision lands', async () => {
		const results = await Promise.allSettled([
			decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
				action: 'acknowledge',
				note: 'Mine',
				expectedVersion: 0
			}),
			decideFlag(setting.server.db, setting.people.deputy, setting.concern.flagId, {
				action: 'resolve',
				note: 'Mine too',
				expectedVersion: 0
			})
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((result) => result.status === 'rejected')).toMatchObject({
			reason: { code: 'CHANGED_BY_SOMEONE_ELSE' }
		});
		expect(await trail()).toHaveLength(1);
		expect((await flagRow()).reviewVersion).toBe(1);
	});

	it('takes an upload and a manager decision on the same conversation at the same moment, both whole', async () => {
		const { device, conversationId, flagId } = setting.concern;
		const rounds = [
			{ questionId: questionIdFrom('1.2'), decision: { action: 'acknowledge', note: 'Seen' } },
			{
				questionId: questionIdFrom('1.3'),
				decision: {
					action: 'escalate',
					escalatedTo: 'adult-social-services',
					urgency: 'routine',
					assigneeId: null,
					followUpDue: null,
					note: 'Passed on'
				}
			},
			{ questionId: questionIdFrom('2.1'), decision: { action: 'resolve', note: 'Plan in place' } }
		] as const;
		for (const [round, { questionId, decision }] of rounds.entries()) {
			const returnId = await sendQuestionBack(
				setting.server.db,
				setting.people.manager,
				conversationId,
				questionId,
				`Round ${round}: say more`
			);
			await device.settle();
			await device.record(conversationId, {
				name: 'answer.amend',
				argsVersion: 2,
				args: {
					conversationId,
					questionId,
					answer: { optionId: 'yes', notes: `Amended in round ${round}`, evidence: [] },
					returnId,
					reply: `Reply ${round}`
				}
			});
			// The upload and the decision lock the same conversation and change counter.
			await Promise.all([
				device.settle(),
				decideFlag(setting.server.db, setting.people.deputy, flagId, {
					...decision,
					expectedVersion: round
				})
			]);
		}
		await device.settle();
		const detail = await conversationForReview(
			setting.server.db,
			setting.people.manager,
			conversationId
		);
		for (const [round, { questionId }] of rounds.entries()) {
			expect(detail?.conversation.answers[questionId]?.notes).toBe(`Amended in round ${round}`);
		}
		expect(detail?.returns.map((item) => item.status)).toEqual([
			'answered',
			'answered',
			'answered'
		]);
		expect((await flagRow()).reviewStatus).toBe('resolved');
		expect((await flagRow()).reviewVersion).toBe(rounds.length);
		expect((await trail()).filter((event) => event.kind === 'decision')).toHaveLength(
			rounds.length
		);
		expect(await device.db.outbox.where('state').equals('rejected').count()).toBe(0);
		expect(
			(await device.db.serverConversations.get(conversationId))?.review?.flags['1.1']
		).toMatchObject({ status: 'resolved' });
	});

	it('lets no manager of another team see, decide, comment on or send back a conversation', async () => {
		const outsider = setting.people.otherManager;
		await expect(
			conversationForReview(setting.server.db, outsider, setting.concern.conversationId)
		).resolves.toBeUndefined();
		await expect(
			decideFlag(setting.server.db, outsider, setting.concern.flagId, {
				action: 'acknowledge',
				note: '',
				expectedVersion: 0
			})
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(
			commentOnFlag(setting.server.db, outsider, setting.concern.flagId, 'Hello')
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(
			sendQuestionBack(
				setting.server.db,
				outsider,
				setting.concern.conversationId,
				questionIdFrom('1.1'),
				'Look again'
			)
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await trail()).toHaveLength(0);
		expect(
			await conversationForReview(
				setting.server.db,
				setting.people.admin,
				setting.concern.conversationId
			)
		).toBeDefined();
	});

	it('refuses a follow-up due in the past, naming the date field', async () => {
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		const refusal = await decideFlag(
			setting.server.db,
			setting.people.manager,
			setting.concern.flagId,
			{
				action: 'follow-up',
				assigneeId: setting.people.deputy.id,
				followUpDue: yesterday,
				note: '',
				expectedVersion: 0
			}
		).catch((error: unknown) => error);
		expect(refusal).toMatchObject({
			code: 'INVALID_ARGS',
			field: 'followUpDue-day',
			message: 'The follow-up date must be today or later'
		});
		expect((await flagRow()).reviewStatus).toBe('open');
	});

	it('refuses a follow-up assigned outside the team', async () => {
		await expect(
			decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
				action: 'follow-up',
				assigneeId: setting.people.otherManager.id,
				followUpDue: '2099-12-01',
				note: '',
				expectedVersion: 0
			})
		).rejects.toMatchObject({
			code: 'INVALID_ARGS',
			message: 'Choose someone in the team to follow it up.'
		});
		expect((await flagRow()).reviewStatus).toBe('open');
	});

	it('brings decisions and a question sent back to the inspector’s device, and takes the amendment back with the earlier answer kept', async () => {
		const { device, conversationId, flagId } = setting.concern;
		await decideFlag(setting.server.db, setting.people.manager, flagId, {
			action: 'escalate',
			escalatedTo: 'adult-social-services',
			urgency: 'urgent',
			assigneeId: setting.people.manager.id,
			followUpDue: '2099-11-30',
			note: 'Passed to the local authority',
			expectedVersion: 0
		});
		const returnId = await sendQuestionBack(
			setting.server.db,
			setting.people.manager,
			conversationId,
			questionIdFrom('1.1'),
			'Which plan is missing?'
		);
		await device.settle();
		const held = await device.db.serverConversations.get(conversationId);
		expect(held?.review?.flags['1.1']).toMatchObject({
			status: 'escalated',
			escalatedTo: 'adult-social-services',
			urgency: 'urgent',
			assigneeName: 'Mo Manager',
			followUpDue: '2099-11-30',
			reviewedBy: 'Mo Manager'
		});
		expect(held?.review?.returns).toMatchObject([
			{
				id: returnId,
				questionId: questionIdFrom('1.1'),
				comment: 'Which plan is missing?',
				status: 'open'
			}
		]);

		await device.record(conversationId, {
			name: 'answer.amend',
			argsVersion: 2,
			args: {
				conversationId,
				questionId: questionIdFrom('1.1'),
				answer: { optionId: 'partly', notes: 'Plan exists for one floor', evidence: [] },
				returnId,
				reply: 'Checked with the manager'
			}
		});
		await device.settle();
		const detail = await conversationForReview(
			setting.server.db,
			setting.people.manager,
			conversationId
		);
		expect(detail?.conversation.status).toBe('completed');
		expect(detail?.conversation.answers['1.1']?.optionId).toBe('partly');
		expect(
			detail?.history
				.filter((entry) => entry.questionId === '1.1')
				.map((entry) => (entry.value as { optionId: string }).optionId)
		).toEqual(['no', 'partly']);
		expect(detail?.returns[0]).toMatchObject({
			status: 'answered',
			reply: 'Checked with the manager',
			originalOptionId: 'no'
		});
		expect(detail?.events.map((event) => event.kind)).toEqual([
			'flag-raised',
			'decision',
			'question-returned',
			'question-amended'
		]);
		expect(
			(await device.db.serverConversations.get(conversationId))?.review?.returns[0]
		).toMatchObject({ status: 'answered', originalOptionId: 'no' });
		// The migration that added the column finds the same answer for amendments made before it.
		const backfill = readFileSync(
			join(MIGRATIONS_FOLDER, '0010_question_returns_original_option.sql'),
			'utf8'
		)
			.split('--> statement-breakpoint')
			.map((statement) => statement.trim())
			.find((statement) => statement.includes('UPDATE'))!;
		await setting.server.db.execute(sql`update question_returns set original_option_id = null`);
		await setting.server.db.execute(sql.raw(backfill));
		const [again] = await setting.server.db
			.select({ originalOptionId: questionReturns.originalOptionId })
			.from(questionReturns)
			.where(eq(questionReturns.conversationId, conversationId));
		expect(again?.originalOptionId).toBe('no');
		expect(await device.db.outbox.where('state').equals('rejected').count()).toBe(0);
	});

	it('allows one amendment per question sent back, and a new concern answer raises its flag', async () => {
		const { device, conversationId } = setting.concern;
		const returnId = await sendQuestionBack(
			setting.server.db,
			setting.people.manager,
			conversationId,
			questionIdFrom('1.2'),
			'Really?'
		);
		await device.settle();
		const amend = (optionId: string) => ({
			name: 'answer.amend' as const,
			argsVersion: 2 as const,
			args: {
				conversationId,
				questionId: questionIdFrom('1.2'),
				answer: { optionId, notes: '', evidence: [] },
				returnId,
				reply: ''
			}
		});
		await device.record(conversationId, amend('no'));
		await device.record(conversationId, amend('partly'));
		await device.settle();
		const detail = await conversationForReview(
			setting.server.db,
			setting.people.manager,
			conversationId
		);
		expect(detail?.conversation.answers['1.2']?.optionId).toBe('no');
		expect(detail?.conversation.flags['1.2']).toMatchObject({
			severity: 'high',
			raisedBy: 'answer',
			status: 'raised'
		});
		expect((await device.db.conversations.get(conversationId))?.flags['1.2']?.severity).toBe(
			'high'
		);
		const [refused] = await device.db.rejected.toArray();
		expect(refused).toMatchObject({
			code: 'NOT_RETURNED',
			message: expect.stringContaining('already been amended')
		});
	});

	it('starts the review again when a resolved flag is reopened, keeping the past in the trail', async () => {
		await decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'follow-up',
			assigneeId: setting.people.deputy.id,
			followUpDue: '2099-11-01',
			note: '',
			expectedVersion: 0
		});
		await decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'resolve',
			note: 'Done',
			expectedVersion: 1
		});
		await decideFlag(setting.server.db, setting.people.manager, setting.concern.flagId, {
			action: 'reopen',
			note: 'Came back',
			expectedVersion: 2
		});
		expect(await flagRow()).toMatchObject({
			reviewStatus: 'open',
			assigneeId: null,
			followUpDue: null
		});
		expect((await trail()).map((event) => event.toStatus)).toEqual([
			'follow-up',
			'resolved',
			'open'
		]);
	});

	it('refuses an amendment of a question that was not sent back once the conversation is completed', async () => {
		const { device, conversationId } = setting.concern;
		await device.record(conversationId, {
			name: 'answer.amend',
			argsVersion: 2,
			args: {
				conversationId,
				questionId: questionIdFrom('1.2'),
				answer: { optionId: 'no', notes: '', evidence: [] },
				returnId: crypto.randomUUID(),
				reply: ''
			}
		});
		await device.settle();
		const [rejected] = await device.db.rejected.toArray();
		expect(rejected).toMatchObject({ code: 'NOT_RETURNED' });
		const detail = await conversationForReview(
			setting.server.db,
			setting.people.manager,
			conversationId
		);
		expect(detail?.conversation.answers['1.2']?.optionId).toBe('yes');
	});
});
