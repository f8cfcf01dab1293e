import { z } from 'zod';
import { questionIdSchema } from '../ids';

/** How much an answer worries the inspector; drives flags and the suggested outcome. */
export const concernSchema = z.enum(['none', 'some', 'serious']);
export type Concern = z.infer<typeof concernSchema>;

/** Question sets exist per sector; a location's sector picks the set. */
export const sectorSchema = z.enum(['adult-social-care', 'gp', 'dental', 'nhs-trust']);
export type Sector = z.infer<typeof sectorSchema>;

export const SECTOR_LABELS: Record<Sector, string> = {
	'adult-social-care': 'Adult social care',
	gp: 'GP and primary medical services',
	dental: 'Dental',
	'nhs-trust': 'NHS trust (infection prevention and control)'
};

export const areaIdSchema = z.enum(['1', '2', '3', '4']);
export type AreaId = z.infer<typeof areaIdSchema>;

const text = z.string().trim().min(1);

export const answerOptionSchema = z.object({
	id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'option ids are lower-case words joined by hyphens'),
	/** Short label on the radio button, such as "Yes" or "Partly". */
	label: text,
	/** The sentence the summary record uses verbatim. */
	standardWording: text,
	concern: concernSchema
});
export type AnswerOption = z.infer<typeof answerOptionSchema>;

export const promptSchema = z.object({
	text,
	followUps: z.array(text).default([])
});
export type Prompt = z.infer<typeof promptSchema>;

export const questionSchema = z.object({
	/** Stable within a set, such as "1.2"; the first part is the area. */
	id: questionIdSchema,
	text,
	/** True when the wording could not be confirmed against the published framework. */
	provisional: z.boolean(),
	/** Where the wording comes from, or why it is provisional. */
	sourceNote: z.string().optional(),
	prompts: z.array(promptSchema).min(1),
	options: z.array(answerOptionSchema).min(2)
});
export type Question = z.infer<typeof questionSchema>;

export const areaSchema = z.object({
	id: areaIdSchema,
	title: text,
	questions: z.array(questionSchema).min(1)
});
export type Area = z.infer<typeof areaSchema>;

export const questionSetSchema = z
	.object({
		id: z.string().regex(/^[a-z][a-z0-9-]*$/),
		version: z.number().int().positive(),
		sector: sectorSchema,
		title: text,
		/** Shown above the questions, such as the preamble used with NHS trusts. */
		introduction: z.string().optional(),
		publishedAt: z.iso.date(),
		source: z.object({
			attribution: text,
			licence: z.literal('Open Government Licence v3.0'),
			licenceUrl: z.url(),
			urls: z.array(z.url()).min(1)
		}),
		areas: z.array(areaSchema).length(4)
	})
	.superRefine((set, ctx) => {
		const seen = new Set<string>();
		set.areas.forEach((area, areaIndex) => {
			if (area.id !== String(areaIndex + 1)) {
				ctx.addIssue({
					code: 'custom',
					message: `area ${area.id} is out of order`,
					path: ['areas', areaIndex]
				});
			}
			area.questions.forEach((question, questionIndex) => {
				const path = ['areas', areaIndex, 'questions', questionIndex];
				if (seen.has(question.id)) {
					ctx.addIssue({ code: 'custom', message: `question id ${question.id} repeats`, path });
				}
				seen.add(question.id);
				if (!question.id.startsWith(`${area.id}.`)) {
					ctx.addIssue({
						code: 'custom',
						message: `question ${question.id} is not in area ${area.id}`,
						path
					});
				}
				const optionIds = question.options.map((option) => option.id);
				if (new Set(optionIds).size !== optionIds.length) {
					ctx.addIssue({
						code: 'custom',
						message: `question ${question.id} repeats an option id`,
						path
					});
				}
				if (!question.options.some((option) => option.concern === 'none')) {
					ctx.addIssue({
						code: 'custom',
						message: `question ${question.id} has no option without concern`,
						path
					});
				}
			});
		});
	});
export type QuestionSet = z.infer<typeof questionSetSchema>;

/** A conversation pins the exact set it started with. */
export const questionSetRefSchema = z.object({
	id: questionSetSchema.shape.id,
	version: z.number().int().positive()
});
export type QuestionSetRef = z.infer<typeof questionSetRefSchema>;
