/**
 * The review queue's flags as CSV columns, in the words the queue page uses; comments and every
 * earlier decision are in the audit CSV (audit-csv.ts).
 */
import { csvColumns } from '$lib/domain/csv/csv';
import { ukTimeWithOffset } from '$lib/domain/csv/uk-time';
import { SECTOR_LABELS, type Sector } from '$lib/domain/question-sets/question-set.schema';
import {
	ESCALATION_TARGET_LABELS,
	REVIEW_STATUS_LABELS
} from '$lib/domain/review/flag-review.schema';
import type { ConversationQueueItem, FlagQueueItem } from './review-queue';

type Row = FlagQueueItem & { today: string };

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const capitalised = (value: string | null) =>
	value ? value[0]!.toUpperCase() + value.slice(1) : '';

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
	{ header: 'Severity', value: (row) => capitalised(row.severity) },
	{ header: 'Reason', value: (row) => row.reason },
	{ header: "Inspector's notes", value: (row) => row.notes ?? '' },
	{ header: 'Withdrawn by inspector', value: (row) => yesNo(row.flagStatus === 'withdrawn') },
	{ header: 'Review status', value: (row) => REVIEW_STATUS_LABELS[row.reviewStatus] },
	{
		header: 'Escalated to',
		value: (row) => (row.escalatedTo ? ESCALATION_TARGET_LABELS[row.escalatedTo] : '')
	},
	{ header: 'Urgency', value: (row) => capitalised(row.urgency) },
	{ header: 'Follow-up by', value: (row) => row.assigneeName ?? '' },
	{ header: 'Follow-up due', value: (row) => row.followUpDue ?? '' },
	{
		header: 'Overdue',
		value: (row) =>
			yesNo(
				row.followUpDue !== null && row.reviewStatus !== 'resolved' && row.followUpDue < row.today
			)
	},
	{ header: 'Last decision note', value: (row) => row.reviewNote ?? '' },
	{ header: 'Last decision by', value: (row) => row.reviewedByName ?? '' },
	{
		header: 'Last decision at (UK time)',
		value: (row) => (row.reviewedAt ? ukTimeWithOffset(row.reviewedAt) : '')
	},
	{ header: 'Raised at (UK time)', value: (row) => ukTimeWithOffset(row.raisedAt) }
]);

export const flagCsv = {
	header: columns.header,
	async *rows(flags: AsyncIterable<FlagQueueItem>, today: string) {
		for await (const flag of flags) yield columns.row({ ...flag, today });
	}
};

const OUTCOMES: Record<string, string> = {
	managing: 'Managing',
	'needs-support': 'Needs support'
};

const conversationColumns = csvColumns<ConversationQueueItem>([
	{ header: 'Conversation ID', value: (row) => row.id },
	{ header: 'Location ID', value: (row) => row.locationId },
	{ header: 'Location', value: (row) => row.locationName },
	{ header: 'In the directory', value: (row) => yesNo(row.locationListed) },
	{ header: 'Postcode', value: (row) => row.postcode },
	{ header: 'Region', value: (row) => row.region },
	{ header: 'Sector', value: (row) => SECTOR_LABELS[row.sector as Sector] ?? row.sector },
	{ header: 'Inspector', value: (row) => row.inspectorName },
	{ header: 'Started at (UK time)', value: (row) => ukTimeWithOffset(row.startedAt) },
	{ header: 'Status', value: (row) => capitalised(row.status) },
	{
		header: 'Outcome',
		value: (row) => (row.outcome ? (OUTCOMES[row.outcome] ?? row.outcome) : '')
	},
	{ header: 'Urgent escalation', value: (row) => yesNo(row.urgent) },
	{ header: 'High flags', value: (row) => row.highFlags },
	{ header: 'Flags not resolved', value: (row) => row.openFlags },
	{ header: 'Questions sent back, not yet amended', value: (row) => row.returnsOpen },
	{ header: 'Questions amended by the inspector', value: (row) => row.returnsAnswered }
]);

/** The list of conversations needing review as CSV columns, in the words the list uses. */
export const conversationCsv = {
	header: conversationColumns.header,
	async *rows(items: AsyncIterable<ConversationQueueItem>) {
		for await (const item of items) yield conversationColumns.row(item);
	}
};
