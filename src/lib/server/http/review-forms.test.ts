import { describe, expect, it } from 'vitest';
import { reviewQuerySchema } from '$lib/domain/review/review-query.schema';
import { readFlagDecisionForm } from './review-forms';
import { readReviewQuery } from './review-request';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};

describe('review forms and filters', () => {
	it('reads an escalation with a follow-up date typed in three fields', () => {
		const read = readFlagDecisionForm(
			form({
				action: 'escalate',
				escalatedTo: 'integrated-care-board',
				urgency: 'routine',
				assigneeId: '01a20000-0000-7000-8000-000000000000',
				'followUpDue-day': '3',
				'followUpDue-month': '2',
				'followUpDue-year': '2027',
				note: ' Called ',
				expectedVersion: '4'
			})
		);
		expect(read).toMatchObject({
			ok: true,
			input: { action: 'escalate', followUpDue: '2027-02-03', note: 'Called', expectedVersion: 4 }
		});
	});

	it.each([
		[{ action: '' }, 'action', 'Choose what you want to do with the flag'],
		[
			{ action: 'resolve', note: '', expectedVersion: '0' },
			'note',
			'Enter why the flag is resolved'
		],
		[
			{ action: 'acknowledge', note: '' },
			'action',
			'The form could not be read. Reload the page and try again.'
		],
		[
			{ action: 'acknowledge', note: 'a\u0000b', expectedVersion: '0' },
			'note',
			'Remove the unreadable character (NUL)'
		],
		[
			{
				action: 'follow-up',
				assigneeId: '01a20000-0000-7000-8000-000000000000',
				'followUpDue-day': '1',
				'followUpDue-month': '1',
				'followUpDue-year': '0',
				note: '',
				expectedVersion: '0'
			},
			'followUpDue-day',
			'Enter a year from 1900 to 2999'
		],
		[
			{
				action: 'follow-up',
				assigneeId: '01a20000-0000-7000-8000-000000000000',
				'followUpDue-day': '30',
				'followUpDue-month': '2',
				'followUpDue-year': '2027',
				note: '',
				expectedVersion: '0'
			},
			'followUpDue-day',
			'Enter a real date'
		]
	])('refuses %o with a message on %s, keeping what was typed', (fields, field, message) => {
		const read = readFlagDecisionForm(form(fields));
		expect(read.ok).toBe(false);
		const failure = (
			read as {
				failure: { status: number; data: { errors: unknown[]; values: { action: string } } };
			}
		).failure;
		expect(failure.status).toBe(400);
		expect(failure.data.errors[0]).toEqual({ field, message });
		expect(failure.data.values.action).toBe(fields.action);
	});

	it.each([
		['to=9999-12-31', 'to', 'Enter a year from 1900 to 2999'],
		['from=0000-01-01', 'from', 'Enter a year from 1900 to 2999'],
		['from=2026-05-02&to=2026-05-01', 'to', 'The "from" date must be on or before the "to" date'],
		['q=a%00b', 'q', 'Remove the unreadable character (NUL)'],
		['area=7', 'area.0', 'Choose an area from 1 to 4'],
		['area=2&area=9', 'area.1', 'Choose an area from 1 to 4'],
		['sort=newest&sort=oldest', 'sort', 'Give one value for the sort order, not 2'],
		['inspector=a&inspector=b', 'inspector', 'Give one value for the inspector, not 2'],
		[
			'colour=red',
			'filters',
			'The address has "colour", which is not a filter of the review queue'
		],
		['sort=sideways', 'sort', 'Choose a sort order from the list']
	])('refuses the filter %s with a message on %s', (search, field, message) => {
		const read = readReviewQuery(new URL(`http://x/review?${search}`));
		expect(read).toMatchObject({ ok: false, errors: [{ field, message }] });
	});

	it('keeps empty filters out, so a cleared field is not an error', () => {
		expect(reviewQuerySchema.parse({ q: '', area: '', severity: [''], overdue: '' })).toEqual({
			area: [],
			severity: [],
			status: [],
			sector: [],
			region: []
		});
	});

	it('reads several values of a filter as any of them', () => {
		const read = readReviewQuery(
			new URL('http://x/review?area=1&area=2&severity=high&severity=low&region=London&q=lark')
		);
		expect(read).toMatchObject({
			ok: true,
			query: { area: [1, 2], severity: ['high', 'low'], region: ['London'], q: 'lark' }
		});
	});
});
