import { error } from '@sveltejs/kit';
import { reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { conversationForReview } from '$lib/server/review/conversation-detail';
import { serverDatabase } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const detail = await conversationForReview(serverDatabase().db, reviewerOf(locals), params.id);
	if (!detail?.questionSet) {
		error(404, {
			message: 'There is no such conversation, or it is not your team’s',
			code: 'NOT_FOUND'
		});
	}
	return {
		...detail,
		questionSet: detail.questionSet,
		today: todayInUk(),
		sentBack: detail.returns.find((entry) => entry.questionId === url.searchParams.get('sent-back'))
			?.questionId
	};
};
