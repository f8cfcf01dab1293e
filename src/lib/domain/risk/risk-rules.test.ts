import { questionIdFrom, type ConversationId } from '$lib/domain/ids';
import { describe, expect, it } from 'vitest';
import type { Flag } from '../conversation/conversation.schema';
import type { Mutation } from '../conversation/mutation.schema';
import { answer, conversationAfter, questionSetFor } from '$lib/testing/factories';
import { findQuestion } from '../question-sets/question-sets';
import { flagRaisedByAnswer, outcomeReasonProblem, suggestOutcome } from './risk-rules';

const questionSet = questionSetFor();
const question = findQuestion(questionSet, '2.1')!;
const option = (concern: string) =>
	question.options.find((candidate) => candidate.concern === concern)!;
const raised: Flag = {
	severity: 'low',
	reason: 'Inspector noted agency use',
	raisedBy: 'inspector',
	status: 'raised'
};

describe('flagRaisedByAnswer', () => {
	it('raises medium for some concern and high for serious concern, quoting the standard wording', () => {
		expect(flagRaisedByAnswer(option('some'), undefined)).toMatchObject({
			severity: 'medium',
			raisedBy: 'answer',
			status: 'raised'
		});
		const high = flagRaisedByAnswer(option('serious'), undefined);
		expect(high).toMatchObject({ severity: 'high' });
		expect(high?.reason).toContain(option('serious').standardWording);
	});

	it('raises nothing for an answer without concern, or over a flag already raised', () => {
		expect(flagRaisedByAnswer(option('none'), undefined)).toBeNull();
		expect(flagRaisedByAnswer(option('serious'), raised)).toBeNull();
	});

	it('raises again after a flag was withdrawn', () => {
		const withdrawn: Flag = {
			...raised,
			status: 'withdrawn',
			withdrawnReason: 'Resolved during the call'
		};
		expect(flagRaisedByAnswer(option('serious'), withdrawn)).toMatchObject({
			severity: 'high',
			status: 'raised'
		});
	});
});

describe('suggestOutcome', () => {
	const withChanges = (changes: (id: ConversationId) => Mutation[]) =>
		suggestOutcome(conversationAfter(changes), questionSet);
	const setAnswer = (id: ConversationId, questionId: string, optionId: string): Mutation => ({
		name: 'answer.set',
		argsVersion: 2,
		args: { conversationId: id, questionId: questionIdFrom(questionId), answer: answer(optionId) }
	});
	const setFlag = (id: ConversationId, questionId: string, flag: Flag): Mutation => ({
		name: 'flag.set',
		argsVersion: 1,
		args: { conversationId: id, questionId: questionIdFrom(questionId), flag }
	});

	it('suggests managing when nothing is serious', () => {
		expect(
			withChanges((id) => [setAnswer(id, '1.1', 'yes'), setAnswer(id, '1.2', 'partly')])
		).toEqual({ decision: 'managing', reasons: [] });
	});

	it('suggests needs support for a serious concern or a high flag, and says why', () => {
		expect(withChanges((id) => [setAnswer(id, '3.1', 'no')])).toEqual({
			decision: 'needs-support',
			reasons: ['Question 3.1 was answered with serious concern.']
		});
		expect(
			withChanges((id) => [setFlag(id, '2.2', { ...raised, severity: 'high' })]).decision
		).toBe('needs-support');
	});

	it('ignores a withdrawn high flag', () => {
		const withdrawn: Flag = {
			...raised,
			severity: 'high',
			status: 'withdrawn',
			withdrawnReason: 'Raised in error'
		};
		expect(withChanges((id) => [setFlag(id, '2.2', withdrawn)]).decision).toBe('managing');
	});
});

describe('outcomeReasonProblem', () => {
	const needsSupport = {
		decision: 'needs-support' as const,
		reasons: ['Question 3.1 was answered with serious concern.']
	};

	it('asks for a reason only when the decision goes against the suggestion', () => {
		expect(outcomeReasonProblem('needs-support', '', needsSupport)).toBeNull();
		expect(outcomeReasonProblem('managing', '  ', needsSupport)).toBe(
			'Explain why the service is managing when the answers suggest it needs support'
		);
		expect(
			outcomeReasonProblem('managing', 'The concern was resolved on the call', needsSupport)
		).toBeNull();
	});
});
