/** Managers' decisions on a page of conversations, in the form the inspector's device holds. */
import type { ConversationId } from '$lib/domain/ids';
import { asc, inArray } from 'drizzle-orm';
import type {
	ConversationReview,
	FlagReview,
	QuestionReturn
} from '$lib/domain/review/flag-review.schema';
import type { Database } from '../db/database';
import { questionReturns, users } from '../db/schema';
import type { FlagRow } from '../repos/conversations.repo';

export async function reviewsFor(
	db: Database,
	conversationIds: readonly ConversationId[],
	flagRows: readonly FlagRow[]
): Promise<Map<string, ConversationReview>> {
	const reviews = new Map<string, ConversationReview>(
		conversationIds.map((id) => [id, { flags: {}, returns: [] }])
	);
	const peopleIds = [
		...new Set(flagRows.flatMap((row) => [row.assigneeId, row.reviewedBy]).filter(isString))
	];
	const [people, returnRows] = await Promise.all([
		peopleIds.length === 0
			? []
			: db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, peopleIds)),
		db
			.select()
			.from(questionReturns)
			.where(inArray(questionReturns.conversationId, [...conversationIds]))
			.orderBy(asc(questionReturns.returnedAt))
	]);
	const nameOf = new Map(people.map((person) => [person.id, person.name]));
	for (const row of flagRows) {
		reviews.get(row.conversationId)!.flags[row.questionId] = flagReviewOf(row, nameOf);
	}
	for (const row of returnRows) {
		reviews.get(row.conversationId)!.returns.push(questionReturnOf(row));
	}
	return reviews;
}

function flagReviewOf(row: FlagRow, nameOf: Map<string, string>): FlagReview {
	return {
		status: row.reviewStatus,
		escalatedTo: row.escalatedTo,
		urgency: row.urgency,
		assigneeName: row.assigneeId ? (nameOf.get(row.assigneeId) ?? null) : null,
		followUpDue: row.followUpDue,
		note: row.reviewNote,
		reviewedBy: row.reviewedBy ? (nameOf.get(row.reviewedBy) ?? null) : null,
		reviewedAt: row.reviewedAt?.toISOString() ?? null
	};
}

const isString = (value: string | null): value is string => value !== null;

/** A question sent back, as the inspector's device and the summary record see it. */
export function questionReturnOf(row: typeof questionReturns.$inferSelect): QuestionReturn {
	return {
		id: row.id,
		questionId: row.questionId,
		comment: row.comment,
		returnedBy: row.returnedByName,
		returnedAt: row.returnedAt.toISOString(),
		status: row.status,
		answeredAt: row.answeredAt?.toISOString() ?? null,
		reply: row.reply,
		originalOptionId: row.originalOptionId
	};
}
