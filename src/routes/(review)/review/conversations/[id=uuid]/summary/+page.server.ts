import { conversationIdFrom } from '$lib/domain/ids';
import { error } from '@sveltejs/kit';
import { reviewerOf } from '$lib/server/http/review-request';
import { conversationForReview } from '$lib/server/review/conversation-detail';
import { questionReturnOf } from '$lib/server/review/review-for-device';
import { serverDatabase } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const detail = await conversationForReview(
		serverDatabase().db,
		reviewerOf(locals),
		conversationIdFrom(params.id)
	);
	if (!detail?.questionSet) {
		error(404, {
			message: 'There is no such conversation, or it is not your team’s',
			code: 'NOT_FOUND'
		});
	}
	return {
		conversation: detail.conversation,
		questionSet: detail.questionSet,
		inspectorName: detail.inspectorName,
		returns: detail.returns.map(questionReturnOf)
	};
};
