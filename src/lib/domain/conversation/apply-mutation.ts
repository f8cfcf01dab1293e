/**
 * The one place that says how a mutation changes a conversation. The device runs it to show a
 * change at once and the server runs it to accept or refuse the same change, so both sides agree
 * on what every change means. It never mutates its input.
 */
import { DomainError } from '../errors';
import type { QuestionSet } from '../question-sets/question-set.schema';
import { findOption, findQuestion } from '../question-sets/question-sets';
import { flagRaisedByAnswer } from '../risk/risk-rules';
import { completionIssues } from './completion';
import { emptyConversationFields, type Answer, type Conversation } from './conversation.schema';
import type { Mutation } from './mutation.schema';

export type ApplyMutationInput = {
	/** The conversation as it stands; undefined when it does not exist yet. */
	conversation: Conversation | undefined;
	mutation: Mutation;
	/** The question set the conversation pins (or, for a start, the one it will pin). */
	questionSet: QuestionSet;
	/** When the change was made, ISO 8601. */
	at: string;
};

export function applyMutation({
	conversation,
	mutation,
	questionSet,
	at
}: ApplyMutationInput): Conversation {
	if (mutation.name === 'conversation.start') {
		const { args } = mutation;
		if (conversation) {
			throw new DomainError('ALREADY_EXISTS', 'This conversation has already been started.');
		}
		if (
			args.questionSet.id !== questionSet.id ||
			args.questionSet.version !== questionSet.version
		) {
			throw new DomainError('QUESTION_SET_MISMATCH', 'The question set does not match.');
		}
		if (args.location.sector !== questionSet.sector) {
			throw new DomainError(
				'QUESTION_SET_MISMATCH',
				"The question set is not for this location's sector."
			);
		}
		return {
			id: args.conversationId,
			status: 'draft',
			location: args.location,
			questionSet: args.questionSet,
			startedAt: args.startedAt,
			updatedAt: at,
			completedAt: null,
			...emptyConversationFields(),
			answers: {},
			flags: {}
		};
	}

	if (!conversation) {
		throw new DomainError('NOT_FOUND', 'This conversation does not exist.');
	}
	if (mutation.name === 'answer.amend') {
		// An amendment can come after completion, when no flag.set is accepted.
		const { questionId, answer } = mutation.args;
		return answerWithFlag({ ...conversation, updatedAt: at }, questionSet, questionId, answer);
	}
	if (conversation.status === 'completed') {
		throw new DomainError('LOCKED', 'This conversation is completed and can no longer be changed.');
	}
	const changed = { ...conversation, updatedAt: at };

	switch (mutation.name) {
		case 'conversation.update':
			return { ...changed, ...mutation.args.patch };
		case 'answer.set':
			return answerWithFlag(changed, questionSet, mutation.args.questionId, mutation.args.answer);
		case 'answer.clear': {
			const { questionId } = mutation.args;
			requireQuestion(questionSet, questionId);
			const answers = { ...conversation.answers };
			delete answers[questionId];
			return { ...changed, answers };
		}
		case 'flag.set': {
			const { questionId, flag } = mutation.args;
			requireQuestion(questionSet, questionId);
			return { ...changed, flags: { ...conversation.flags, [questionId]: flag } };
		}
		case 'conversation.complete': {
			const issues = completionIssues(conversation, questionSet);
			if (issues.length > 0) {
				throw new DomainError('INCOMPLETE', issues.map((issue) => issue.message).join(' '));
			}
			return { ...changed, status: 'completed', completedAt: mutation.args.completedAt };
		}
	}
}

/**
 * Sets an answer; a newly chosen concern option also raises its flag, in the same change, so an
 * answer that loses a conflict on the server takes its flag with it.
 */
function answerWithFlag(
	conversation: Conversation,
	questionSet: QuestionSet,
	questionId: string,
	answer: Answer
): Conversation {
	const answered = setAnswer(conversation, questionSet, questionId, answer);
	if (answer.optionId === (conversation.answers[questionId]?.optionId ?? null)) return answered;
	const option = findOption(requireQuestion(questionSet, questionId), answer.optionId);
	const flag = option && flagRaisedByAnswer(option, conversation.flags[questionId]);
	return flag ? { ...answered, flags: { ...answered.flags, [questionId]: flag } } : answered;
}

function setAnswer(
	conversation: Conversation,
	questionSet: QuestionSet,
	questionId: string,
	answer: Answer
): Conversation {
	const question = requireQuestion(questionSet, questionId);
	if (
		answer.optionId !== null &&
		!question.options.some((option) => option.id === answer.optionId)
	) {
		throw new DomainError(
			'INVALID_OPTION',
			`That answer is not one of the options for question ${questionId}.`
		);
	}
	return { ...conversation, answers: { ...conversation.answers, [questionId]: answer } };
}

function requireQuestion(questionSet: QuestionSet, questionId: string) {
	const question = findQuestion(questionSet, questionId);
	if (!question) {
		throw new DomainError(
			'UNKNOWN_QUESTION',
			`Question ${questionId} is not in this question set.`
		);
	}
	return question;
}
