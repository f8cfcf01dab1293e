import type { Answer } from '$lib/domain/conversation/conversation.schema';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import { findOption, findQuestion } from '$lib/domain/question-sets/question-sets';

/** A queued change in the inspector's words, such as "Answer to question 1.2". */
export function describeChange(mutation: Mutation): string {
	switch (mutation.name) {
		case 'conversation.start':
			return 'Starting the conversation';
		case 'conversation.update':
			return 'Changes to the conversation details';
		case 'answer.set':
			return `Answer to question ${mutation.args.questionId}`;
		case 'answer.amend':
			return `Amended answer to question ${mutation.args.questionId}`;
		case 'answer.clear':
			return `Clearing the answer to question ${mutation.args.questionId}`;
		case 'flag.set':
			return `Risk flag on question ${mutation.args.questionId}`;
		case 'conversation.complete':
			return 'Completing the conversation';
	}
}

/** An answer as the inspector sees it: the option chosen and the notes. */
export function describeAnswer(
	questionSet: QuestionSet,
	questionId: string,
	answer: Answer | null | undefined
): string {
	if (!answer) return 'no answer';
	const question = findQuestion(questionSet, questionId);
	const option = question ? findOption(question, answer.optionId) : undefined;
	const parts = [option?.label ?? 'no option chosen', answer.notes.trim()].filter(Boolean);
	return parts.join(' – ');
}
