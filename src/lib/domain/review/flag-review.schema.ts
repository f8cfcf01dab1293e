import { z } from 'zod';
import { hasNoNul, NUL_MESSAGE } from '../text';

/**
 * A manager's review of one risk flag. The inspector owns the flag itself (severity, reason,
 * withdrawn); the manager owns where it stands in review. Both travel to the inspector's device.
 */
export const REVIEW_STATUSES = [
	'open',
	'acknowledged',
	'escalated',
	'follow-up',
	'resolved'
] as const;
export const reviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
	open: 'Open',
	acknowledged: 'Acknowledged',
	escalated: 'Escalated',
	'follow-up': 'Follow-up',
	resolved: 'Resolved'
};

export const ESCALATION_TARGETS = [
	'adult-social-services',
	'integrated-care-board',
	'regional-incident-centre',
	'inspection-recommended',
	'enforcement-considered'
] as const;
export const escalationTargetSchema = z.enum(ESCALATION_TARGETS, {
	error: 'Choose who the concern is escalated to'
});
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

export const ESCALATION_TARGET_LABELS: Record<EscalationTarget, string> = {
	'adult-social-services': "Local authority's adult social services",
	'integrated-care-board': 'Integrated care board',
	'regional-incident-centre': 'Regional incident centre',
	'inspection-recommended': 'Inspection recommended',
	'enforcement-considered': 'Enforcement considered'
};

export const urgencySchema = z.enum(['urgent', 'routine'], { error: 'Choose how urgent it is' });
export type Urgency = z.infer<typeof urgencySchema>;

/** Text a person typed; a NUL character cannot be stored, so it is refused with a message. */
export const typedText = (max: number, tooLong: string) =>
	z.string().trim().max(max, tooLong).refine(hasNoNul, NUL_MESSAGE);
const note = typedText(2_000, 'Keep the note under 2,000 characters');
const requiredNote = (message: string) => note.pipe(z.string().min(1, message));
/** A calendar date, YYYY-MM-DD, in years the database and people can both use. */
export const calendarDateSchema = z.iso
	.date({ error: 'Enter a real date' })
	.refine((date) => date >= '1900-01-01' && date <= '2999-12-31', 'Enter a year from 1900 to 2999');

/** What a manager can do to a flag; `expectedVersion` is the review they were looking at. */
const decisionBase = { expectedVersion: z.number().int().nonnegative() };
const followUp = {
	assigneeId: z.uuid({ error: 'Choose who will follow it up' }),
	followUpDue: calendarDateSchema
};

export const flagDecisionSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('acknowledge'), note, ...decisionBase }),
	z.object({
		action: z.literal('escalate'),
		escalatedTo: escalationTargetSchema,
		urgency: urgencySchema,
		assigneeId: followUp.assigneeId.nullable(),
		followUpDue: calendarDateSchema.nullable(),
		note,
		...decisionBase
	}),
	z.object({ action: z.literal('follow-up'), ...followUp, note, ...decisionBase }),
	z.object({
		action: z.literal('resolve'),
		note: requiredNote('Enter why the flag is resolved'),
		...decisionBase
	}),
	z.object({
		action: z.literal('reopen'),
		note: requiredNote('Enter why the flag is reopened'),
		...decisionBase
	})
]);
export type FlagDecision = z.infer<typeof flagDecisionSchema>;
export type FlagAction = FlagDecision['action'];

export const flagCommentSchema = z.object({
	comment: requiredNote('Enter a comment').pipe(z.string().max(2_000))
});

/** After an amended answer, the severity the manager gives the flag: the same, or another. */
export const severityConfirmationSchema = z.object({
	severity: z.enum(['low', 'medium', 'high'], {
		error: 'Choose the severity the flag should have'
	}),
	...decisionBase
});
export type SeverityConfirmation = z.infer<typeof severityConfirmationSchema>;

/** A question a manager sent back to the inspector, with what they asked. */
export const questionReturnSchema = z.object({
	id: z.uuid(),
	questionId: z.string(),
	comment: z.string(),
	returnedBy: z.string(),
	returnedAt: z.iso.datetime(),
	status: z.enum(['open', 'answered']),
	answeredAt: z.iso.datetime().nullable(),
	reply: z.string().nullable(),
	originalOptionId: z.string().nullable().optional().meta({
		description:
			"Once amended: the answer's option before the amendment (null when it had none). Sent by servers from this version on."
	})
});
export type QuestionReturn = z.infer<typeof questionReturnSchema>;

/** A manager's note on marking a conversation reviewed. */
export const conversationReviewedSchema = z.object({
	note: requiredNote('Enter what you looked at and decided')
});

export const sendBackSchema = z.object({
	comment: requiredNote('Enter what you want the inspector to look at again')
});

/** The review of one flag as the inspector's device receives it. */
export const flagReviewSchema = z.object({
	status: reviewStatusSchema,
	escalatedTo: escalationTargetSchema.nullable(),
	urgency: urgencySchema.nullable(),
	assigneeName: z.string().nullable(),
	followUpDue: calendarDateSchema.nullable(),
	note: z.string().nullable(),
	reviewedBy: z.string().nullable(),
	reviewedAt: z.iso.datetime().nullable()
});
export type FlagReview = z.infer<typeof flagReviewSchema>;

/** Managers' decisions on one conversation, sent down with it. */
export const conversationReviewSchema = z.object({
	flags: z.record(z.string(), flagReviewSchema),
	returns: z.array(questionReturnSchema)
});
export type ConversationReview = z.infer<typeof conversationReviewSchema>;
