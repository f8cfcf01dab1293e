import { describe, expect, it } from 'vitest';
import { BUNDLED_QUESTION_SETS } from './bundled';
import { searchQuestions } from './search-questions';

const set = BUNDLED_QUESTION_SETS.find((candidate) => candidate.id === 'adult-social-care')!;
const ids = (query: string) => searchQuestions(set, query).map(({ question }) => question.id);

describe('searchQuestions', () => {
	it('finds questions by their words, their prompts and their follow-ups, in order', () => {
		expect(ids('PPE')).toContain('1.2');
		expect(ids('reliably get hold')).toEqual(['1.2']);
		expect(ids('ppe   RELIABLY')).toEqual(['1.2']);
	});

	it('finds a question by its number and ignores punctuation', () => {
		expect(ids('2.1')).toContain('2.1');
		expect(ids('“reliably”, get-hold')).toEqual(['1.2']);
	});

	it('finds nothing for nothing typed or words no question holds', () => {
		expect(ids('  ')).toEqual([]);
		expect(ids('zebra crossing')).toEqual([]);
	});
});
