import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	invalidPaths,
	leafPaths,
	maxLengthAt,
	reconcile,
	recordablePart,
	sameValue,
	writePath
} from './form-values';

type Answer = { optionId: string | null; notes: string; evidence: string[] };
const answer = (optionId: string | null, notes: string, evidence: string[] = []): Answer => ({
	optionId,
	notes,
	evidence
});
const schema = z.object({
	optionId: z.string().nullable(),
	notes: z.string().max(10, 'Too long'),
	evidence: z.array(z.string()).refine((list) => new Set(list).size === list.length, 'Repeats')
});

describe('leaf paths and values', () => {
	it('lists the leaves of nested objects, an array being one leaf', () => {
		expect(leafPaths({ a: 1, b: { c: '', d: [1, 2] }, e: null })).toEqual(['a', 'b.c', 'b.d', 'e']);
	});
	it('writes a leaf without changing the original', () => {
		const before = { callDate: { day: '1', month: '2' } };
		expect(writePath(before, 'callDate.day', '3')).toEqual({ callDate: { day: '3', month: '2' } });
		expect(before.callDate.day).toBe('1');
	});
	it.each([
		[{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
		[{ a: [1] }, { a: [1, 2] }, false],
		[{ a: null }, { a: undefined }, false],
		['x', 'x', true]
	])('sameValue(%j, %j) is %s', (a, b, expected) => {
		expect(sameValue(a, b)).toBe(expected);
	});
});

describe('what can be recorded', () => {
	it('names each problem by the leaf it is about, arrays included', () => {
		expect(invalidPaths(schema, answer('no', 'x'.repeat(11), ['a', 'a']))).toEqual({
			notes: 'Too long',
			evidence: 'Repeats'
		});
	});
	it('keeps every valid change and puts an invalid field back to what is stored', () => {
		const stored = answer(null, 'short');
		const screen = answer('no', 'x'.repeat(11));
		expect(recordablePart(screen, stored, invalidPaths(schema, screen))).toEqual(
			answer('no', 'short')
		);
	});
	it('reads the limit of a field for its character count', () => {
		expect(maxLengthAt(schema, 'notes')).toBe(10);
		expect(maxLengthAt(schema, 'optionId')).toBeUndefined();
		expect(maxLengthAt(z.object({ a: z.object({ b: z.string().max(3).optional() }) }), 'a.b')).toBe(
			3
		);
	});
});

describe('a change made elsewhere meets the screen', () => {
	it.each([
		{
			name: 'shows the new value where the person changed nothing',
			base: answer('yes', 'old'),
			screen: answer('yes', 'old'),
			stored: answer('yes', 'new elsewhere'),
			shows: answer('yes', 'new elsewhere'),
			conflicts: {}
		},
		{
			name: 'keeps the person’s change to another field',
			base: answer('yes', 'old'),
			screen: answer('no', 'old'),
			stored: answer('yes', 'new elsewhere'),
			shows: answer('no', 'new elsewhere'),
			conflicts: {}
		},
		{
			name: 'shows the new value and keeps theirs beside it where both changed one field',
			base: answer('yes', 'old'),
			screen: answer('yes', 'mine'),
			stored: answer('yes', 'theirs'),
			shows: answer('yes', 'theirs'),
			conflicts: { notes: 'mine' }
		},
		{
			name: 'is no conflict where both made the same change',
			base: answer('yes', 'old'),
			screen: answer('yes', 'same'),
			stored: answer('yes', 'same'),
			shows: answer('yes', 'same'),
			conflicts: {}
		}
	])('$name', ({ base, screen, stored, shows, conflicts }) => {
		expect(reconcile({ base, screen, stored })).toEqual({ screen: shows, conflicts });
	});

	it('forgets a kept value once the stored one equals it', () => {
		const result = reconcile({
			base: answer('yes', 'theirs'),
			screen: answer('yes', 'theirs'),
			stored: answer('yes', 'mine'),
			conflicts: { notes: 'mine' }
		});
		expect(result.conflicts).toEqual({});
	});
});
