import { describe, expect, it } from 'vitest';
import { answerSchema, flagSchema } from './conversation/conversation.schema';
import { formPart } from './conversation/form-parts';
import { mutationSchema } from './conversation/mutation.schema';
import { invalidPaths, maxLengthAt } from './forms/form-values';
import { NUL_MESSAGE, SURROGATE_MESSAGE } from './text';

const HALF_AN_EMOJI = '\ud83d';
const answer = (notes: string) => ({ optionId: 'yes', notes, evidence: [] });

describe('text the databases cannot store', () => {
	it.each([
		['a NUL', `before\u0000after`, NUL_MESSAGE],
		['half of an emoji at the end', `cut ${HALF_AN_EMOJI}`, SURROGATE_MESSAGE],
		['the second half alone', `\udc4d cut`, SURROGATE_MESSAGE]
	])(
		'is refused in an answer with %s, and the device queues no change',
		(_kind, notes, message) => {
			expect(answerSchema.safeParse(answer(notes)).error?.issues[0]?.message).toBe(message);
			const change = mutationSchema.safeParse({
				name: 'answer.set',
				argsVersion: 1,
				args: {
					conversationId: '01a23495-fd78-7532-816b-6d7cebde87b0',
					questionId: '1.1',
					answer: answer(notes),
					baseVersion: 0
				}
			});
			expect(change.success).toBe(false);
		}
	);

	it('keeps a whole emoji, and the field’s limit', () => {
		expect(answerSchema.safeParse(answer('Staff morale 👍 much better')).success).toBe(true);
		expect(maxLengthAt(answerSchema, 'notes')).toBe(20_000);
	});

	it('is kept as the form’s draft with the message at its field', () => {
		const part = formPart('answer:1.1')!;
		expect(invalidPaths(part.schema, answer(`x${HALF_AN_EMOJI}`))).toEqual({
			notes: SURROGATE_MESSAGE
		});
	});

	it('is refused in a flag’s reason', () => {
		const flag = { severity: 'high', raisedBy: 'inspector', status: 'raised' };
		expect(flagSchema.safeParse({ ...flag, reason: `No plan ${HALF_AN_EMOJI}` }).success).toBe(
			false
		);
		expect(flagSchema.safeParse({ ...flag, reason: 'No plan' }).success).toBe(true);
	});
});
