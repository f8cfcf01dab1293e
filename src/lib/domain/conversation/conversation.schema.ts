import { z } from 'zod';
import { conversationIdSchema } from '../ids';
import { locationSchema } from '../directory/location.schema';
import { questionSetRefSchema } from '../question-sets/question-set.schema';
import { storable } from '../text';

/** Longest free text we keep in one field: a long note from a two-hour call fits easily. */
export const MAX_TEXT_LENGTH = 20_000;
const freeText = storable(z.string().max(MAX_TEXT_LENGTH, 'Keep this under 20,000 characters'));

export const evidenceSchema = z.enum(['screen-share', 'email', 'none']);
export type Evidence = z.infer<typeof evidenceSchema>;

export const answerSchema = z.object({
	/** The chosen option; null while the inspector has only written notes. */
	optionId: storable(z.string().min(1)).nullable(),
	notes: freeText,
	evidence: z
		.array(evidenceSchema)
		.refine((list) => new Set(list).size === list.length, 'Evidence repeats an entry')
		.refine(
			(list) => !list.includes('none') || list.length === 1,
			'Choose the evidence requested, or "No evidence requested", not both'
		)
});
export type Answer = z.infer<typeof answerSchema>;

export const severitySchema = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof severitySchema>;

export const flagReasonSchema = storable(
	z
		.string()
		.trim()
		.min(1, 'Enter why this is a risk')
		.max(2_000, 'Keep the reason under 2,000 characters')
);

/**
 * A risk flag on one question. A flag raised by a concern answer can be changed by the inspector,
 * and withdrawn only with a reason, so no flag disappears without a trace.
 */
export const flagSchema = z
	.object({
		severity: severitySchema,
		reason: flagReasonSchema,
		raisedBy: z.enum(['answer', 'inspector']),
		status: z.enum(['raised', 'withdrawn']),
		withdrawnReason: storable(
			z.string().trim().max(2_000, 'Keep the reason under 2,000 characters')
		).optional()
	})
	.refine((flag) => flag.status !== 'withdrawn' || (flag.withdrawnReason ?? '').length > 0, {
		message: 'Enter why the flag is withdrawn',
		path: ['withdrawnReason']
	});
export type Flag = z.infer<typeof flagSchema>;

export const callModeSchema = z.enum(['phone', 'video']);

export const callDetailsSchema = z.object({
	/** Kept exactly as typed, so a half-typed date survives a reload; see call-time.ts. */
	callDate: z.object({
		day: storable(z.string().max(10, 'Enter the day as a number, like 27')),
		month: storable(z.string().max(10, 'Enter the month as a number, like 5')),
		year: storable(z.string().max(10, 'Enter the year as 4 numbers, like 2020'))
	}),
	/** 24-hour time as typed, such as "14:30". */
	callTime: storable(z.string().max(10, 'Enter the time in 24-hour format, like 14:30')),
	mode: callModeSchema.nullable(),
	personName: storable(z.string().max(200, 'Keep the name under 200 characters')),
	personRole: storable(z.string().max(200, 'Keep the role under 200 characters'))
});
export type CallDetails = z.infer<typeof callDetailsSchema>;

export const supportNeedSchema = z.enum([
	'ppe',
	'testing',
	'staffing',
	'infection-control',
	'safeguarding',
	'wellbeing',
	'finance',
	'other'
]);
export type SupportNeed = z.infer<typeof supportNeedSchema>;

export const supportSchema = z.object({
	/** Ids from the support catalogue. */
	sourceIds: z.array(storable(z.string().min(1))).max(100),
	notes: freeText
});

export const escalationSchema = z.object({
	/** Null until the inspector answers: no choice is ever made for them. */
	urgent: z.boolean().nullable(),
	details: freeText
});

export const outcomeDecisionSchema = z.enum(['managing', 'needs-support']);
export type OutcomeDecision = z.infer<typeof outcomeDecisionSchema>;

export const outcomeSchema = z.object({
	decision: outcomeDecisionSchema.nullable(),
	/** Required when the decision goes against the suggestion. */
	reason: freeText
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** The parts of a conversation the inspector edits as a whole, one field at a time. */
export const conversationFieldsSchema = z.object({
	callDetails: callDetailsSchema,
	/**
	 * The inspector's general notes about the call, for them and their manager: what was said that
	 * belongs to no one question. Not in the summary record sent to the provider. Absent in
	 * conversations recorded before the field existed.
	 */
	callNotes: freeText.optional(),
	internalRisks: freeText,
	externalRisks: freeText,
	goodPractice: freeText,
	support: supportSchema,
	escalation: escalationSchema,
	outcome: outcomeSchema
});
export type ConversationFields = z.infer<typeof conversationFieldsSchema>;
export const conversationPatchSchema = conversationFieldsSchema.partial();
export type ConversationPatch = z.infer<typeof conversationPatchSchema>;

export const conversationStatusSchema = z.enum(['draft', 'completed']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const conversationSchema = conversationFieldsSchema.extend({
	id: conversationIdSchema,
	status: conversationStatusSchema,
	location: locationSchema,
	questionSet: questionSetRefSchema,
	startedAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	completedAt: z.iso.datetime().nullable(),
	answers: z.record(z.string(), answerSchema),
	flags: z.record(z.string(), flagSchema)
});
export type Conversation = z.infer<typeof conversationSchema>;

export function emptyConversationFields(): ConversationFields {
	return {
		callDetails: {
			callDate: { day: '', month: '', year: '' },
			callTime: '',
			mode: null,
			personName: '',
			personRole: ''
		},
		internalRisks: '',
		externalRisks: '',
		goodPractice: '',
		support: { sourceIds: [], notes: '' },
		escalation: { urgent: null, details: '' },
		outcome: { decision: null, reason: '' }
	};
}
