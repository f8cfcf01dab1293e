import { describe, expect, it } from 'vitest';
import adultSocialCare from './data/adult-social-care.v1.json';
import { BUNDLED_QUESTION_SETS } from './bundled';
import { questionSetSchema, sectorSchema } from './question-set.schema';
import { allQuestions } from './question-sets';

describe('bundled question sets', () => {
	it('are all loaded, with unique set versions and a set for every sector', () => {
		expect(
			BUNDLED_QUESTION_SETS.map((set) => questionSetSchema.safeParse(set).success)
		).not.toContain(false);
		const keys = BUNDLED_QUESTION_SETS.map((set) => `${set.id}@${set.version}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(new Set(BUNDLED_QUESTION_SETS.map((set) => set.sector))).toEqual(
			new Set(sectorSchema.options)
		);
	});

	it('give adult social care 15 questions with 1.1 and 1.2 confirmed word for word', () => {
		const set = BUNDLED_QUESTION_SETS.find((candidate) => candidate.id === 'adult-social-care')!;
		const questions = allQuestions(set);
		expect(questions).toHaveLength(15);
		expect(
			questions.filter((question) => !question.provisional).map((question) => question.id)
		).toEqual(['1.1', '1.2']);
		expect(questions[0]!.text).toBe(
			'Are infection risks to people using the service being thoroughly assessed and managed?'
		);
		expect(questions[1]!.prompts[0]!.followUps).toContain(
			'Are you able to reliably get hold of enough of the right PPE to meet your needs?'
		);
	});

	it('credit the Open Government Licence in every set', () => {
		for (const set of BUNDLED_QUESTION_SETS) {
			expect(set.source.licence).toBe('Open Government Licence v3.0');
			expect(set.source.attribution).toMatch(/Open Government Licence/);
		}
	});
});

describe('questionSetSchema', () => {
	it('refuses a set in which a question id repeats', () => {
		const copy = structuredClone(adultSocialCare);
		copy.areas[0]!.questions[1]!.id = '1.1';
		const result = questionSetSchema.safeParse(copy);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.message)).toContain('question id 1.1 repeats');
	});

	it('refuses a question filed under the wrong area', () => {
		const copy = structuredClone(adultSocialCare);
		copy.areas[1]!.questions[0]!.id = '3.9';
		const messages = questionSetSchema.safeParse(copy).error?.issues.map((issue) => issue.message);
		expect(messages).toEqual(['question 3.9 is not in area 2']);
	});

	it('refuses an option without a concern level', () => {
		const copy = structuredClone(adultSocialCare);
		delete (copy.areas[0]!.questions[0]!.options[0] as { concern?: string }).concern;
		const issues = questionSetSchema.safeParse(copy).error?.issues ?? [];
		expect(issues.map((issue) => issue.path.join('.'))).toEqual([
			'areas.0.questions.0.options.0.concern'
		]);
	});
});
