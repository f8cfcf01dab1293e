import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../db/database';
import { conversations, flags } from '../db/schema';

/** The follow-ups not resolved that a person has, soonest due first: to hand on when they leave. */
export function followUpsAssignedTo(db: Database, userId: string) {
	return db
		.select({
			conversationId: flags.conversationId,
			questionId: flags.questionId,
			locationName: conversations.locationName,
			followUpDue: flags.followUpDue
		})
		.from(flags)
		.innerJoin(conversations, eq(conversations.id, flags.conversationId))
		.where(and(eq(flags.assigneeId, userId), ne(flags.reviewStatus, 'resolved')))
		.orderBy(asc(flags.followUpDue), asc(flags.id));
}
