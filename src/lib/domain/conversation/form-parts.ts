/**
 * The parts of a conversation that the inspector's forms edit, each named by a key such as
 * `answer:2.1` or `call-details`. A part says what the stored conversation holds for the form
 * (so a draft can tell whether something changed elsewhere) and which limits each of its fields
 * has. Sub-forms that are not stored until submitted (a new flag, a withdrawal, an amendment)
 * read as empty, so anything typed into them is a draft.
 */
import { z } from 'zod';
import {
	answerSchema,
	callDetailsSchema,
	conversationFieldsSchema,
	flagReasonSchema,
	outcomeSchema,
	severitySchema,
	type Answer,
	type Conversation
} from './conversation.schema';
import { storable } from '../text';

export type FormPart<T = unknown> = {
	read: (conversation: Conversation) => T;
	/** The limits of each field: a field that breaks them stays a draft on the device. */
	schema: z.ZodType<T>;
};

const EMPTY_ANSWER: Answer = { optionId: null, notes: '', evidence: [] };
const reasonLimit = storable(z.string().max(2_000, 'Keep the reason under 2,000 characters'));

export const RISKS_FIELDS = [
	'internalRisks',
	'externalRisks',
	'goodPractice',
	'support',
	'escalation'
] as const;
const risksSchema = conversationFieldsSchema.pick({
	internalRisks: true,
	externalRisks: true,
	goodPractice: true,
	support: true,
	escalation: true
});
export type RisksPart = z.infer<typeof risksSchema>;

const flagEditSchema = z.object({ severity: severitySchema, reason: flagReasonSchema });
export type FlagEdit = z.infer<typeof flagEditSchema>;
const newFlagSchema = z.object({ severity: severitySchema.nullable(), reason: reasonLimit });
export type NewFlag = z.infer<typeof newFlagSchema>;
const amendmentSchema = z.object({
	optionId: z.string().nullable(),
	notes: answerSchema.shape.notes,
	reply: storable(z.string().max(2_000, 'Keep your reply under 2,000 characters'))
});
export type Amendment = z.infer<typeof amendmentSchema>;

const fixedParts: Record<string, FormPart> = {
	'call-details': { read: (c) => c.callDetails, schema: callDetailsSchema },
	'call-notes': {
		read: (c) => ({ callNotes: c.callNotes ?? '' }),
		schema: z.object({ callNotes: conversationFieldsSchema.shape.callNotes.unwrap() })
	},
	risks: {
		read: (c) => Object.fromEntries(RISKS_FIELDS.map((field) => [field, c[field]])),
		schema: risksSchema
	},
	outcome: { read: (c) => c.outcome, schema: outcomeSchema }
};

const questionParts: Record<string, (questionId: string) => FormPart> = {
	answer: (id) => ({ read: (c) => c.answers[id] ?? EMPTY_ANSWER, schema: answerSchema }),
	flag: (id) => ({
		read: (c) => ({ severity: c.flags[id]?.severity ?? 'low', reason: c.flags[id]?.reason ?? '' }),
		schema: flagEditSchema
	}),
	'new-flag': () => ({ read: () => ({ severity: null, reason: '' }), schema: newFlagSchema }),
	'withdraw-flag': () => ({
		read: () => ({ reason: '' }),
		schema: z.object({ reason: reasonLimit })
	}),
	amend: (id) => ({
		read: (c) => ({
			optionId: c.answers[id]?.optionId ?? null,
			notes: c.answers[id]?.notes ?? '',
			reply: ''
		}),
		schema: amendmentSchema
	})
};

/** The part a form key names, or undefined for a key no form uses. */
export function formPart(key: string): FormPart | undefined {
	if (key in fixedParts) return fixedParts[key];
	const match = /^([a-z-]+):([1-4]\.\d{1,2})$/.exec(key);
	const forQuestion = match && questionParts[match[1]!];
	return forQuestion ? forQuestion(match[2]!) : undefined;
}
