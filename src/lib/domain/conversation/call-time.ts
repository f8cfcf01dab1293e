import type { CallDetails } from './conversation.schema';

export type CallTimeProblem = {
	field: 'call-date-day' | 'call-date-month' | 'call-date-year' | 'call-time';
	message: string;
};

const isBlank = (value: string) => value.trim() === '';
const asInteger = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN);

/** Why the typed date and time of the call are not a real moment, or null when they are. */
export function callTimeProblem(
	details: CallDetails,
	now: Date = new Date()
): CallTimeProblem | null {
	const { day, month, year } = details.callDate;
	if ([day, month, year].every(isBlank)) {
		return { field: 'call-date-day', message: 'Enter the date of the call' };
	}
	if (isBlank(day)) {
		return { field: 'call-date-day', message: 'The date of the call must include a day' };
	}
	if (isBlank(month)) {
		return { field: 'call-date-month', message: 'The date of the call must include a month' };
	}
	if (isBlank(year)) {
		return { field: 'call-date-year', message: 'The date of the call must include a year' };
	}
	const [d, m, y] = [asInteger(day), asInteger(month), asInteger(year)];
	if (String(year).trim().length !== 4 || Number.isNaN(y)) {
		return { field: 'call-date-year', message: 'Year must include 4 numbers, like 2020' };
	}
	if (y < 2000) return { field: 'call-date-year', message: 'Year must be 2000 or later' };
	if (!(m >= 1 && m <= 12)) {
		return { field: 'call-date-month', message: 'Month must be a number from 1 to 12' };
	}
	const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
	if (!(d >= 1 && d <= daysInMonth)) {
		return { field: 'call-date-day', message: `Day must be a number from 1 to ${daysInMonth}` };
	}
	const time = details.callTime.trim();
	if (time === '') return { field: 'call-time', message: 'Enter the time of the call' };
	const match = /^(\d{1,2})[:.](\d{2})$/.exec(time);
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
		return {
			field: 'call-time',
			message: 'Enter the time of the call in 24-hour format, like 14:30'
		};
	}
	const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
	if (new Date(y, m - 1, d) > today) {
		return { field: 'call-date-day', message: 'The date of the call must be today or in the past' };
	}
	return null;
}

/** The call's local date and time, or null while what was typed is not a real moment. */
export function callDateTime(details: CallDetails): Date | null {
	const { day, month, year } = details.callDate;
	const match = /^(\d{1,2})[:.](\d{2})$/.exec(details.callTime.trim());
	const [d, m, y] = [asInteger(day), asInteger(month), asInteger(year)];
	if (!match || [d, m, y].some(Number.isNaN)) return null;
	const date = new Date(y, m - 1, d, Number(match[1]), Number(match[2]));
	return date.getDate() === d && date.getMonth() === m - 1 ? date : null;
}
