import type { QuestionSet } from '../question-sets/question-set.schema';
import { allQuestions } from '../question-sets/question-sets';
import { outcomeReasonProblem, suggestOutcome } from '../risk/risk-rules';
import { callTimeProblems } from './call-time';
import type { Conversation } from './conversation.schema';

/** Something that stops a conversation from being completed, and where to fix it. */
export type CompletionIssue = {
	/** The task that holds the problem: "call-details", an area id such as "2", "risks" or "outcome". */
	task: string;
	/** The field's id on that task's page, for error summary links. */
	field: string;
	message: string;
};

export function callDetailsIssues(conversation: Conversation): CompletionIssue[] {
	const { mode, personName, personRole } = conversation.callDetails;
	const issues: CompletionIssue[] = [];
	const add = (field: string, message: string) =>
		issues.push({ task: 'call-details', field, message });
	for (const problem of callTimeProblems(conversation.callDetails)) {
		add(problem.field, problem.message);
	}
	if (mode === null) add('call-mode', 'Select whether the call was by phone or video');
	if (personName.trim() === '') add('person-name', 'Enter the name of the person you spoke to');
	if (personRole.trim() === '') add('person-role', 'Enter the role of the person you spoke to');
	return issues;
}

export function completionIssues(
	conversation: Conversation,
	questionSet: QuestionSet
): CompletionIssue[] {
	const issues = callDetailsIssues(conversation);
	for (const question of allQuestions(questionSet)) {
		if (!conversation.answers[question.id]?.optionId) {
			issues.push({
				task: question.id.split('.')[0]!,
				field: `question-${question.id}`,
				message: `Answer question ${question.id}`
			});
		}
	}
	if (conversation.escalation.urgent === null) {
		issues.push({
			task: 'risks',
			field: 'escalation-urgent',
			message: 'Select whether anything needs urgent escalation'
		});
	} else if (conversation.escalation.urgent && conversation.escalation.details.trim() === '') {
		issues.push({
			task: 'risks',
			field: 'escalation-details',
			message: 'Describe the urgent escalation'
		});
	}
	const { decision, reason } = conversation.outcome;
	if (decision === null) {
		issues.push({
			task: 'outcome',
			field: 'outcome-decision',
			message: 'Select whether the service is managing or needs support'
		});
	} else {
		const problem = outcomeReasonProblem(
			decision,
			reason,
			suggestOutcome(conversation, questionSet)
		);
		if (problem) issues.push({ task: 'outcome', field: 'outcome-reason', message: problem });
	}
	return issues;
}
