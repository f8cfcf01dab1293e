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
	return callTimeProblems(details, now)[0] ?? null;
}

/**
 * Every reason the typed date and time are not a real moment, one for each field that is wrong,
 * so the person sees them all at once rather than one after another.
 */
export function callTimeProblems(details: CallDetails, now: Date = new Date()): CallTimeProblem[] {
	const problems: CallTimeProblem[] = [];
	const add = (field: CallTimeProblem['field'], message: string) =>
		problems.push({ field, message });
	const { day, month, year } = details.callDate;
	const [d, m, y] = [asInteger(day), asInteger(month), asInteger(year)];
	if ([day, month, year].every(isBlank)) {
		add('call-date-day', 'Enter the date of the call');
	} else {
		const yearOk = year.trim().length === 4 && !Number.isNaN(y) && y >= 2000;
		const monthOk = m >= 1 && m <= 12;
		// Without a real month and year, a day up to 31 may still be right.
		const daysInMonth = yearOk && monthOk ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 31;
		if (isBlank(day)) add('call-date-day', 'The date of the call must include a day');
		else if (!(d >= 1 && d <= daysInMonth)) {
			add('call-date-day', `Day must be a number from 1 to ${daysInMonth}`);
		}
		if (isBlank(month)) add('call-date-month', 'The date of the call must include a month');
		else if (!monthOk) add('call-date-month', 'Month must be a number from 1 to 12');
		if (isBlank(year)) add('call-date-year', 'The date of the call must include a year');
		else if (year.trim().length !== 4 || Number.isNaN(y)) {
			add('call-date-year', 'Year must include 4 numbers, like 2020');
		} else if (y < 2000) add('call-date-year', 'Year must be 2000 or later');
	}
	const time = details.callTime.trim();
	const match = /^(\d{1,2})[:.](\d{2})$/.exec(time);
	if (time === '') add('call-time', 'Enter the time of the call');
	else if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
		add('call-time', 'Enter the time of the call in 24-hour format, like 14:30');
	}
	const dateIsReal = !problems.some((problem) => problem.field !== 'call-time');
	const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
	if (dateIsReal && new Date(y, m - 1, d) > today) {
		add('call-date-day', 'The date of the call must be today or in the past');
	}
	return problems;
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

/** The date and time of `moment` in the device's time zone, as the call details form holds them. */
export function callStartFrom(moment: Date): Pick<CallDetails, 'callDate' | 'callTime'> {
	const two = (value: number) => String(value).padStart(2, '0');
	return {
		callDate: {
			day: String(moment.getDate()),
			month: String(moment.getMonth() + 1),
			year: String(moment.getFullYear())
		},
		callTime: `${two(moment.getHours())}:${two(moment.getMinutes())}`
	};
}

/** Whole minutes since the call started, while it may still be going on (up to 6 hours). */
export function minutesIntoCall(details: CallDetails, now: Date): number | null {
	const start = callDateTime(details);
	if (!start) return null;
	const minutes = Math.floor((now.getTime() - start.getTime()) / 60_000);
	return minutes >= 0 && minutes < 6 * 60 ? minutes : null;
}
