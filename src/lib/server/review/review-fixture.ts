/** Test set-up for the review services: two teams, their managers and an inspector's device. */
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { questionIdFrom, questionRowId } from '$lib/domain/ids';
import { AT, answer, everythingAnswered, startMutation } from '$lib/testing/factories';
import { TestDevice } from '$lib/testing/sync/harness';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { insertTeam, insertUser } from '../repos/users.repo';
import { sendQuestionBack } from './question-returns';
import type { Reviewer } from './review-scope';

export async function reviewTeams(server: DatabaseHandle) {
	const tag = crypto.randomUUID().slice(0, 8);
	const person = async (
		role: 'inspector' | 'manager' | 'admin',
		name: string,
		teamId: string | null
	) => {
		const row = await insertUser(server.db, {
			email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@example.test`,
			name,
			role,
			teamId,
			passwordHash: 'not-used'
		});
		return { id: row.id, name: row.name, role: row.role, teamId: row.teamId } satisfies Reviewer;
	};
	const london = await insertTeam(server.db, { name: `London ${tag}`, region: 'London' });
	const north = await insertTeam(server.db, { name: `North East ${tag}`, region: 'North East' });
	return {
		inspector: await person('inspector', 'Ina Inspector', london.id),
		manager: await person('manager', 'Mo Manager', london.id),
		deputy: await person('manager', 'Dee Deputy', london.id),
		otherManager: await person('manager', 'Oli Other', north.id),
		admin: await person('admin', 'Ada Admin', null)
	};
}

/** A completed conversation with a serious-concern answer to 1.1, which raised its flag, uploaded. */
export async function uploadedConcern(server: DatabaseHandle, inspector: Reviewer) {
	const device = await new TestDevice(server, {
		id: inspector.id,
		teamId: inspector.teamId
	}).open();
	const start = startMutation();
	const id = start.args.conversationId;
	// The serious-concern answer raises its flag, as it does from the editor.
	const concern: Mutation = {
		name: 'answer.set',
		argsVersion: 2,
		args: {
			conversationId: id,
			questionId: questionIdFrom('1.1'),
			answer: answer('no', 'No isolation plan')
		}
	};
	const rest = everythingAnswered(id).filter(
		(mutation) => !('questionId' in mutation.args) || mutation.args.questionId !== '1.1'
	);
	const complete: Mutation[] = [
		{
			name: 'conversation.update',
			argsVersion: 1,
			args: { conversationId: id, patch: { outcome: { decision: 'needs-support', reason: '' } } }
		},
		{ name: 'conversation.complete', argsVersion: 1, args: { conversationId: id, completedAt: AT } }
	];
	await device.record(id, start, concern, ...rest, ...complete);
	await device.settle();
	return { device, conversationId: id, flagId: questionRowId(id, questionIdFrom('1.1')) };
}

export type ReviewSetting = {
	server: DatabaseHandle;
	people: Awaited<ReturnType<typeof reviewTeams>>;
	concern: Awaited<ReturnType<typeof uploadedConcern>>;
};

/**
 * For a describe block: the database opened once, and before each test two new teams and a
 * completed conversation with a serious concern on 1.1, uploaded from the inspector's device.
 */
export function reviewSetting(open: () => Promise<DatabaseHandle>): ReviewSetting {
	const setting = {} as ReviewSetting;
	beforeAll(async () => {
		setting.server = await open();
	});
	afterAll(() => setting.server.close());
	beforeEach(async () => {
		setting.people = await reviewTeams(setting.server);
		setting.concern = await uploadedConcern(setting.server, setting.people.inspector);
	});
	return setting;
}

/** The manager sends question 1.1 back, and the inspector amends it to `optionId`; both synced. */
export async function amendAfterReturn(
	{ server, people, concern }: ReviewSetting,
	optionId: string
) {
	const { device, conversationId } = concern;
	const returnId = await sendQuestionBack(
		server.db,
		people.manager,
		conversationId,
		questionIdFrom('1.1'),
		'Is there really no plan?'
	);
	await device.settle();
	await device.record(conversationId, {
		name: 'answer.amend',
		argsVersion: 2,
		args: {
			conversationId,
			questionId: questionIdFrom('1.1'),
			answer: { optionId, notes: 'A plan for one floor', evidence: [] },
			returnId,
			reply: ''
		}
	});
	await device.settle();
}
