/**
 * The rules that turn answers into risk: which answers raise a flag on their own, and which
 * outcome the answers suggest. They suggest; the inspector decides.
 */
import type {
	Conversation,
	Flag,
	OutcomeDecision,
	Severity
} from '../conversation/conversation.schema';
import type { AnswerOption, Question, QuestionSet } from '../question-sets/question-set.schema';
import { allQuestions, findOption } from '../question-sets/question-sets';

const SEVERITY_FOR_CONCERN = { none: null, some: 'medium', serious: 'high' } as const;

/**
 * The flag to raise when the inspector picks `option`, or null when none is due: a concern answer
 * raises a flag unless one is already raised, so an inspector's own flag is never overwritten.
 */
export function flagRaisedByAnswer(option: AnswerOption, current: Flag | undefined): Flag | null {
	const severity: Severity | null = SEVERITY_FOR_CONCERN[option.concern];
	if (severity === null || current?.status === 'raised') {
		return null;
	}
	return {
		severity,
		reason: `Answered: "${option.standardWording}"`,
		raisedBy: 'answer',
		status: 'raised'
	};
}

export type OutcomeSuggestion = {
	decision: OutcomeDecision;
	/** Plain-language reasons, one per question that drove the suggestion. */
	reasons: string[];
};

export function suggestOutcome(
	conversation: Conversation,
	questionSet: QuestionSet
): OutcomeSuggestion {
	const reasons: string[] = [];
	for (const question of allQuestions(questionSet)) {
		const option = chosenOption(conversation, question);
		const flag = conversation.flags[question.id];
		if (option?.concern === 'serious') {
			reasons.push(`Question ${question.id} was answered with serious concern.`);
		} else if (flag?.status === 'raised' && flag.severity === 'high') {
			reasons.push(`Question ${question.id} has a high risk flag.`);
		}
	}
	return { decision: reasons.length > 0 ? 'needs-support' : 'managing', reasons };
}

export function chosenOption(
	conversation: Conversation,
	question: Question
): AnswerOption | undefined {
	return findOption(question, conversation.answers[question.id]?.optionId ?? null);
}

export const OUTCOME_LABELS: Record<OutcomeDecision, string> = {
	managing: 'Managing',
	'needs-support': 'Needs support'
};

/** The message shown when the decision needs a reason it does not have, or null when it is fine. */
export function outcomeReasonProblem(
	decision: OutcomeDecision | null,
	reason: string,
	suggestion: OutcomeSuggestion
): string | null {
	if (decision === null || decision === suggestion.decision || reason.trim().length > 0) {
		return null;
	}
	return `Explain why the service is ${OUTCOME_LABELS[decision].toLowerCase()} when the answers suggest it ${
		suggestion.decision === 'managing' ? 'is managing' : 'needs support'
	}`;
}
