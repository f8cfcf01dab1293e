import { questionIdFrom, type ConversationId } from '$lib/domain/ids';
import { describe, expect, it } from 'vitest';
import {
	AT,
	answer,
	conversationAfter,
	everythingAnswered,
	questionSetFor,
	startMutation
} from '$lib/testing/factories';
import { DomainError } from '../errors';
import { applyMutation } from './apply-mutation';
import type { Conversation } from './conversation.schema';
import type { Mutation } from './mutation.schema';

const questionSet = questionSetFor();
const apply = (conversation: Conversation | undefined, mutation: Mutation) =>
	applyMutation({ conversation, mutation, questionSet, at: '2020-05-04T11:00:00.000Z' });
const codeOf = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return error instanceof DomainError ? error.code : 'not a DomainError';
	}
	return 'no error';
};

describe('applyMutation', () => {
	it('starts a draft that pins the question set and location', () => {
		const start = startMutation();
		const conversation = apply(undefined, start);
		expect(conversation).toMatchObject({
			status: 'draft',
			questionSet: { id: 'adult-social-care', version: 1 },
			answers: {},
			flags: {}
		});
		expect(conversation.location).toEqual(start.args.location);
	});

	it('refuses to start twice, or with a set for another sector', () => {
		const start = startMutation();
		expect(codeOf(() => apply(apply(undefined, start), start))).toBe('ALREADY_EXISTS');
		expect(codeOf(() => apply(undefined, startMutation({ sector: 'gp' })))).toBe(
			'QUESTION_SET_MISMATCH'
		);
	});

	it('sets, replaces and clears one answer without touching the others', () => {
		const conversation = conversationAfter((id) => [
			{
				name: 'answer.set',
				argsVersion: 2,
				args: {
					conversationId: id,
					questionId: questionIdFrom('1.1'),
					answer: answer('yes', 'first')
				}
			},
			{
				name: 'answer.set',
				argsVersion: 2,
				args: { conversationId: id, questionId: questionIdFrom('1.2'), answer: answer('no') }
			},
			{
				name: 'answer.set',
				argsVersion: 2,
				args: {
					conversationId: id,
					questionId: questionIdFrom('1.1'),
					answer: answer('partly', 'second')
				}
			},
			{
				name: 'answer.clear',
				argsVersion: 2,
				args: { conversationId: id, questionId: questionIdFrom('1.2') }
			}
		]);
		expect(conversation.answers).toEqual({ '1.1': answer('partly', 'second') });
	});

	it('raises a flag when a concern option is chosen, never over a raised one', () => {
		const set = (id: ConversationId, optionId: string, notes = ''): Mutation => ({
			name: 'answer.set',
			argsVersion: 2,
			args: {
				conversationId: id,
				questionId: questionIdFrom('1.1'),
				answer: answer(optionId, notes)
			}
		});
		const flagged = conversationAfter((id) => [set(id, 'no')]);
		expect(flagged.flags['1.1']).toMatchObject({ severity: 'high', raisedBy: 'answer' });
		expect(conversationAfter((id) => [set(id, 'yes')]).flags).toEqual({});
		const withdrawn = conversationAfter((id) => [
			set(id, 'no'),
			{
				name: 'flag.set',
				argsVersion: 1,
				args: {
					conversationId: id,
					questionId: questionIdFrom('1.1'),
					flag: {
						severity: 'high',
						reason: 'Answered: "No"',
						raisedBy: 'answer',
						status: 'withdrawn',
						withdrawnReason: 'Plan found'
					}
				}
			},
			set(id, 'no', 'Notes typed after the withdrawal')
		]);
		expect(withdrawn.flags['1.1']?.status).toBe('withdrawn');
	});

	it('refuses an option the question does not have, and a question not in the set', () => {
		const conversation = conversationAfter();
		const set = (questionId: string, optionId: string): Mutation => ({
			name: 'answer.set',
			argsVersion: 2,
			args: {
				conversationId: conversation.id,
				questionId: questionIdFrom(questionId),
				answer: answer(optionId)
			}
		});
		expect(codeOf(() => apply(conversation, set('1.1', 'maybe')))).toBe('INVALID_OPTION');
		expect(codeOf(() => apply(conversation, set('4.9', 'yes')))).toBe('UNKNOWN_QUESTION');
	});

	it('completes only when nothing is missing, and then takes no more changes', () => {
		const incomplete = conversationAfter();
		const complete: Mutation = {
			name: 'conversation.complete',
			argsVersion: 1,
			args: { conversationId: incomplete.id, completedAt: AT }
		};
		expect(codeOf(() => apply(incomplete, complete))).toBe('INCOMPLETE');

		const ready = conversationAfter((id) => everythingAnswered(id));
		const completed = apply(ready, {
			...complete,
			args: { conversationId: ready.id, completedAt: AT }
		});
		expect(completed).toMatchObject({ status: 'completed', completedAt: AT });
		const change: Mutation = {
			name: 'answer.set',
			argsVersion: 2,
			args: { conversationId: ready.id, questionId: questionIdFrom('1.1'), answer: answer('no') }
		};
		expect(codeOf(() => apply(completed, change))).toBe('LOCKED');
	});

	it('never changes the conversation it was given', () => {
		const conversation = conversationAfter();
		const before = structuredClone(conversation);
		apply(conversation, {
			name: 'conversation.update',
			argsVersion: 1,
			args: { conversationId: conversation.id, patch: { goodPractice: 'Daily huddles' } }
		});
		expect(conversation).toEqual(before);
	});
});
