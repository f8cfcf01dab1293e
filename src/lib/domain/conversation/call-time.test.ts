import { describe, expect, it } from 'vitest';
import {
	callDateTime,
	callStartFrom,
	callTimeProblem,
	callTimeProblems,
	minutesIntoCall
} from './call-time';
import type { CallDetails } from './conversation.schema';

const details = (day: string, month: string, year: string, callTime: string): CallDetails => ({
	callDate: { day, month, year },
	callTime,
	mode: 'phone',
	personName: '',
	personRole: ''
});
const now = new Date(2020, 5, 1, 12, 0);

describe('callTimeProblem', () => {
	it.each([
		[details('', '', '', ''), 'call-date-day', 'Enter the date of the call'],
		[
			details('4', '', '2020', '10:00'),
			'call-date-month',
			'The date of the call must include a month'
		],
		[details('31', '4', '2020', '10:00'), 'call-date-day', 'Day must be a number from 1 to 30'],
		[details('29', '2', '20', '10:00'), 'call-date-year', 'Year must include 4 numbers, like 2020'],
		[details('4', '13', '2020', '10:00'), 'call-date-month', 'Month must be a number from 1 to 12'],
		[details('4', '5', '2020', ''), 'call-time', 'Enter the time of the call'],
		[
			details('4', '5', '2020', '25:00'),
			'call-time',
			'Enter the time of the call in 24-hour format, like 14:30'
		],
		[
			details('4', '5', '2021', '10:00'),
			'call-date-day',
			'The date of the call must be today or in the past'
		],
		[
			details('2', '6', '2020', '10:00'),
			'call-date-day',
			'The date of the call must be today or in the past'
		],
		[details('4', '5', '1999', '10:00'), 'call-date-year', 'Year must be 2000 or later']
	])('explains what is wrong (%#)', (input, field, message) => {
		expect(callTimeProblem(input, now)).toEqual({ field, message });
	});

	it('accepts a real past moment, including 29 February in a leap year', () => {
		expect(callTimeProblem(details('29', '2', '2020', '9.05'), now)).toBeNull();
		expect(callTimeProblem(details('1', '6', '2020', '23:59'), now)).toBeNull();
		expect(callDateTime(details('29', '2', '2020', '9.05'))).toEqual(new Date(2020, 1, 29, 9, 5));
		expect(callDateTime(details('31', '2', '2020', '09:05'))).toBeNull();
	});

	it('lists every field that is wrong at once', () => {
		expect(callTimeProblems(details('32', '13', '2020', '25:99'), now)).toEqual([
			{ field: 'call-date-day', message: 'Day must be a number from 1 to 31' },
			{ field: 'call-date-month', message: 'Month must be a number from 1 to 12' },
			{
				field: 'call-time',
				message: 'Enter the time of the call in 24-hour format, like 14:30'
			}
		]);
		expect(callTimeProblems(details('', '', '99', ''), now)).toEqual([
			{ field: 'call-date-day', message: 'The date of the call must include a day' },
			{ field: 'call-date-month', message: 'The date of the call must include a month' },
			{ field: 'call-date-year', message: 'Year must include 4 numbers, like 2020' },
			{ field: 'call-time', message: 'Enter the time of the call' }
		]);
		expect(callTimeProblems(details('1', '6', '2020', '23:59'), now)).toEqual([]);
	});
});

describe('callStartFrom and minutesIntoCall', () => {
	it('holds a moment as the form does, and reads it back', () => {
		const start = new Date(2026, 11, 2, 9, 5);
		const held = callStartFrom(start);
		expect(held).toEqual({ callDate: { day: '2', month: '12', year: '2026' }, callTime: '09:05' });
		expect(callDateTime({ ...details('', '', '', ''), ...held })).toEqual(start);
	});

	it.each([
		[new Date(2026, 11, 2, 9, 5), 0],
		[new Date(2026, 11, 2, 10, 47, 59), 102],
		[new Date(2026, 11, 2, 9, 4), null],
		[new Date(2026, 11, 2, 15, 5), null]
	])('at %s the call has gone on %s minutes', (at, minutes) => {
		const held = callStartFrom(new Date(2026, 11, 2, 9, 5));
		expect(minutesIntoCall({ ...details('', '', '', ''), ...held }, at)).toBe(minutes);
	});

	it('has no clock without a real start', () => {
		expect(minutesIntoCall(details('31', '2', '2026', '09:00'), new Date(2026, 2, 1))).toBeNull();
	});
});
