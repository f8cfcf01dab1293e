import { describe, expect, it } from 'vitest';
import { answer } from '$lib/testing/factories';
import { upgradeChange } from './mutation-upgrades';
import {
	ANSWER_CHANGES,
	answerWritten,
	CURRENT_ARGS_VERSION,
	mutationSchema
} from './mutation.schema';

const conversationId = '01900000-0000-7000-8000-000000000001';

describe('upgradeChange', () => {
	it.each([
		[
			'answer.set',
			{ questionId: '1.1', answer: answer('yes', 'Kept') },
			{ questionId: '1.1', answer: answer('yes', 'Kept') }
		],
		['answer.clear', { questionId: '1.2' }, { questionId: '1.2' }],
		[
			'answer.amend',
			{ questionId: '1.3', answer: answer('no'), returnId: conversationId, reply: 'Done' },
			{ questionId: '1.3', answer: answer('no'), returnId: conversationId, reply: 'Done' }
		]
	])('moves the baseVersion of a version 1 %s to the envelope', (name, args, expected) => {
		const older = { name, argsVersion: 1, args: { conversationId, ...args, baseVersion: 6 } };
		const upgraded = upgradeChange({ ...older, seq: 3 });
		expect(upgraded).toEqual({
			name,
			seq: 3,
			argsVersion: 2,
			baseVersion: 6,
			args: { conversationId, ...expected }
		});
		expect(mutationSchema.safeParse(upgraded).success).toBe(true);
		// Upgrading again changes nothing.
		expect(upgradeChange(upgraded)).toEqual(upgraded);
	});

	it.each([
		['a change already current', { name: 'answer.set', argsVersion: 2, args: {}, baseVersion: 1 }],
		['a name with no steps', { name: 'flag.set', argsVersion: 1, args: { baseVersion: 1 } }],
		['an unknown name', { name: 'constructor', argsVersion: 1, args: {} }],
		['a version with no step', { name: 'answer.set', argsVersion: 9, args: { baseVersion: 1 } }]
	])('leaves %s as it is', (_kind, change) => {
		expect(upgradeChange(change)).toEqual(change);
	});
});

describe('the changes that write an answer', () => {
	it('are exactly those answerWritten reads an answer from, each at args version 2', () => {
		const samples = {
			'answer.set': { questionId: '1.1', answer: answer('yes') },
			'answer.clear': { questionId: '1.1' },
			'answer.amend': {
				questionId: '1.1',
				answer: answer('yes'),
				returnId: conversationId,
				reply: ''
			},
			'flag.set': {
				questionId: '1.1',
				flag: { severity: 'low', reason: 'r', raisedBy: 'inspector', status: 'raised' }
			},
			'conversation.complete': { completedAt: '2020-05-04T10:00:00.000Z' }
		} as const;
		for (const [name, args] of Object.entries(samples)) {
			const change = mutationSchema.parse({
				name,
				argsVersion: CURRENT_ARGS_VERSION[name as keyof typeof CURRENT_ARGS_VERSION],
				args: { conversationId, ...args }
			});
			expect(answerWritten(change) !== undefined, name).toBe(ANSWER_CHANGES.has(change.name));
		}
		for (const name of ANSWER_CHANGES) expect(CURRENT_ARGS_VERSION[name], name).toBe(2);
	});
});
