import type { Area, QuestionSet } from '../question-sets/question-set.schema';
import { outcomeReasonProblem, suggestOutcome } from '../risk/risk-rules';
import { callDetailsIssues } from './completion';
import type { Conversation } from './conversation.schema';

export type TaskStatus = 'not-started' | 'in-progress' | 'completed';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	completed: 'Completed'
};

export function callDetailsStatus(conversation: Conversation): TaskStatus {
	if (callDetailsIssues(conversation).length === 0) return 'completed';
	const { callDate, callTime, mode, personName, personRole } = conversation.callDetails;
	const typed = [callDate.day, callDate.month, callDate.year, callTime, personName, personRole];
	return mode === null && typed.every((value) => value.trim() === '')
		? 'not-started'
		: 'in-progress';
}

export function areaStatus(conversation: Conversation, area: Area): TaskStatus {
	const answered = area.questions.filter(
		(question) => conversation.answers[question.id]?.optionId
	).length;
	if (answered === area.questions.length) return 'completed';
	const touched = area.questions.some(
		(question) => conversation.answers[question.id] !== undefined
	);
	return touched ? 'in-progress' : 'not-started';
}

export function risksStatus(conversation: Conversation): TaskStatus {
	const { internalRisks, externalRisks, goodPractice, support, escalation } = conversation;
	const touched =
		[internalRisks, externalRisks, goodPractice, support.notes, escalation.details].some(
			(text) => text.trim() !== ''
		) ||
		support.sourceIds.length > 0 ||
		escalation.urgent !== null;
	if (!touched) return 'not-started';
	const unanswered =
		escalation.urgent === null || (escalation.urgent && escalation.details.trim() === '');
	return unanswered ? 'in-progress' : 'completed';
}

export function outcomeStatus(conversation: Conversation, questionSet: QuestionSet): TaskStatus {
	const { decision, reason } = conversation.outcome;
	if (decision === null) return reason.trim() === '' ? 'not-started' : 'in-progress';
	const problem = outcomeReasonProblem(decision, reason, suggestOutcome(conversation, questionSet));
	return problem ? 'in-progress' : 'completed';
}
