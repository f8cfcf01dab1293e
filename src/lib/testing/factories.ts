import { applyMutation } from '$lib/domain/conversation/apply-mutation';
import type { Answer, Conversation } from '$lib/domain/conversation/conversation.schema';
import type { z } from 'zod';
import type { conversationStartSchema, Mutation } from '$lib/domain/conversation/mutation.schema';
import { DEMO_DIRECTORY } from '$lib/domain/directory/demo-directory';
import type { Location } from '$lib/domain/directory/location.schema';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import type { QuestionSet, Sector } from '$lib/domain/question-sets/question-set.schema';
import { allQuestions } from '$lib/domain/question-sets/question-sets';
import { newConversationId, type ConversationId } from '$lib/domain/ids';

export const AT = '2020-05-04T10:00:00.000Z';

export function questionSetFor(sector: Sector = 'adult-social-care'): QuestionSet {
	return BUNDLED_QUESTION_SETS.find((set) => set.sector === sector)!;
}

export function locationFor(sector: Sector = 'adult-social-care'): Location {
	return DEMO_DIRECTORY.find((location) => location.sector === sector)!;
}

export type StartMutation = z.infer<typeof conversationStartSchema>;

export function startMutation(
	options: { conversationId?: ConversationId; sector?: Sector } = {}
): StartMutation {
	const questionSet = questionSetFor(options.sector);
	return {
		name: 'conversation.start',
		argsVersion: 1,
		args: {
			conversationId: options.conversationId ?? newConversationId(),
			location: locationFor(options.sector),
			questionSet: { id: questionSet.id, version: questionSet.version },
			startedAt: AT
		}
	};
}

export function answer(optionId: string | null, notes = ''): Answer {
	return { optionId, notes, evidence: [] };
}

/** A started conversation after `mutations` (built for its id) are applied in order. */
export function conversationAfter(
	build: (id: ConversationId) => Mutation[] = () => []
): Conversation {
	const questionSet = questionSetFor();
	const start = startMutation();
	const id = start.args.conversationId;
	return [start, ...build(id)].reduce<Conversation | undefined>(
		(conversation, mutation) => applyMutation({ conversation, mutation, questionSet, at: AT }),
		undefined
	)!;
}

/** Mutations that make a conversation ready to complete, answering every question with `optionId`. */
export function everythingAnswered(id: ConversationId, optionId = 'yes'): Mutation[] {
	return [
		{
			name: 'conversation.update',
			argsVersion: 1,
			args: {
				conversationId: id,
				patch: {
					callDetails: {
						callDate: { day: '4', month: '5', year: '2020' },
						callTime: '10:30',
						mode: 'phone',
						personName: 'Sam Example',
						personRole: 'Registered manager'
					},
					escalation: { urgent: false, details: '' },
					outcome: { decision: 'managing', reason: '' }
				}
			}
		},
		...allQuestions(questionSetFor()).map((question): Mutation => ({
			name: 'answer.set',
			argsVersion: 2,
			args: {
				conversationId: id,
				questionId: question.id,
				answer: answer(optionId)
			}
		}))
	];
}
