/** The review queue's flags as CSV columns, in the words the queue page uses. */
import { csvColumns } from '$lib/domain/csv/csv';
import { SECTOR_LABELS, type Sector } from '$lib/domain/question-sets/question-set.schema';
import {
	ESCALATION_TARGET_LABELS,
	REVIEW_STATUS_LABELS
} from '$lib/domain/review/flag-review.schema';
import type { FlagQueueItem } from './review-queue';

type Row = FlagQueueItem & { today: string };

const columns = csvColumns<Row>([
	{ header: 'Flag ID', value: (row) => row.id },
	{ header: 'Location ID', value: (row) => row.locationId },
	{ header: 'Location', value: (row) => row.locationName },
	{ header: 'Postcode', value: (row) => row.postcode },
	{ header: 'Region', value: (row) => row.region },
	{ header: 'Sector', value: (row) => SECTOR_LABELS[row.sector as Sector] ?? row.sector },
	{ header: 'Inspector', value: (row) => row.inspectorName },
	{ header: 'Question', value: (row) => row.questionId },
	{ header: 'Area', value: (row) => row.area },
	{ header: 'Severity', value: (row) => row.severity },
	{ header: 'Reason', value: (row) => row.reason },
	{
		header: 'Withdrawn by inspector',
		value: (row) => (row.flagStatus === 'withdrawn' ? 'yes' : 'no')
	},
	{ header: 'Review status', value: (row) => REVIEW_STATUS_LABELS[row.reviewStatus] },
	{
		header: 'Escalated to',
		value: (row) => (row.escalatedTo ? ESCALATION_TARGET_LABELS[row.escalatedTo] : '')
	},
	{ header: 'Urgency', value: (row) => row.urgency ?? '' },
	{ header: 'Follow-up by', value: (row) => row.assigneeName ?? '' },
	{ header: 'Follow-up due', value: (row) => row.followUpDue ?? '' },
	{
		header: 'Overdue',
		value: (row) =>
			row.followUpDue && row.reviewStatus !== 'resolved' && row.followUpDue < row.today
				? 'yes'
				: 'no'
	},
	{ header: 'Raised at', value: (row) => row.raisedAt.toISOString() }
]);

export const flagCsv = {
	header: columns.header,
	async *rows(flags: AsyncIterable<FlagQueueItem>, today: string) {
		for await (const flag of flags) yield columns.row({ ...flag, today });
	}
};
