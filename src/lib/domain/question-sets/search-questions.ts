import { foldForSearch } from '../text';
import type { Area, Question, QuestionSet } from './question-set.schema';

export type QuestionMatch = { area: Area; question: Question };

/** Questions whose text or discussion prompts hold every word typed, in the set's order. */
export function searchQuestions(questionSet: QuestionSet, query: string): QuestionMatch[] {
	const words = foldForSearch(query).split(' ').filter(Boolean);
	if (words.length === 0) return [];
	return questionSet.areas.flatMap((area) =>
		area.questions
			.filter((question) => {
				const text = foldForSearch(
					[
						question.id,
						question.text,
						...question.prompts.flatMap((prompt) => [prompt.text, ...prompt.followUps])
					].join(' ')
				);
				return words.every((word) => text.includes(word));
			})
			.map((question) => ({ area, question }))
	);
}
