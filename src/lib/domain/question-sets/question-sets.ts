import type { Area, AreaId, AnswerOption, Question, QuestionSet } from './question-set.schema';

export function allQuestions(questionSet: QuestionSet): Question[] {
	return questionSet.areas.flatMap((area) => area.questions);
}

export function findQuestion(questionSet: QuestionSet, questionId: string): Question | undefined {
	return allQuestions(questionSet).find((question) => question.id === questionId);
}

export function findArea(questionSet: QuestionSet, areaId: string): Area | undefined {
	return questionSet.areas.find((area) => area.id === (areaId as AreaId));
}

export function findOption(question: Question, optionId: string | null): AnswerOption | undefined {
	return optionId === null ? undefined : question.options.find((option) => option.id === optionId);
}
