import { describe, expect, it } from 'vitest';
import { answerSchema, flagSchema } from './conversation/conversation.schema';
import { formPart } from './conversation/form-parts';
import { mutationSchema } from './conversation/mutation.schema';
import { invalidPaths, maxLengthAt } from './forms/form-values';
import { NUL_MESSAGE, SURROGATE_MESSAGE, storableCopy, unstorableTextIn } from './text';

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
				argsVersion: 2,
				args: {
					conversationId: '01a23495-fd78-7532-816b-6d7cebde87b0',
					questionId: '1.1',
					answer: answer(notes)
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

describe('finding and replacing text the databases cannot store', () => {
	it.each([
		['a whole emoji', { notes: 'fine 👍' }, null, { notes: 'fine 👍' }],
		['a NUL in a value', { notes: 'a\u0000b' }, 'nul', { notes: 'a\ufffdb' }],
		['half an emoji in a list', ['x', `y${HALF_AN_EMOJI}`], 'surrogate', ['x', 'y\ufffd']],
		['the second half in a key', { '\udc4d': 1 }, 'surrogate', { '\ufffd': 1 }],
		['a backslash and u0000 typed as text', { notes: '\\u0000' }, null, { notes: '\\u0000' }],
		['nothing but numbers', { n: 2 ** 53 }, null, { n: 2 ** 53 }]
	])('%s', (_kind, value, found, copy) => {
		expect(unstorableTextIn(value)).toBe(found);
		expect(storableCopy(value)).toEqual(copy);
		expect(unstorableTextIn(storableCopy(value))).toBeNull();
	});
});
