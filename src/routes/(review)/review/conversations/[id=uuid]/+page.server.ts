import { conversationIdFrom } from '$lib/domain/ids';
import { error, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/domain/errors';
import { readForm } from '$lib/server/http/form-errors';
import { readReviewedForm } from '$lib/server/http/review-forms';
import { markConversationReviewed } from '$lib/server/review/conversation-reviewed';
import { reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { conversationForReview } from '$lib/server/review/conversation-detail';
import { serverDatabase } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
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
		...detail,
		questionSet: detail.questionSet,
		today: todayInUk(),
		sentBack: detail.returns.find((entry) => entry.questionId === url.searchParams.get('sent-back'))
			?.questionId,
		justReviewed: url.searchParams.get('reviewed') === '1' && detail.reviewed !== null
	};
};

export const actions: Actions = {
	reviewed: async ({ request, params, locals }) => {
		const form = readReviewedForm(await readForm(request));
		if (!form.ok) return form.failure;
		const id = conversationIdFrom(params.id);
		try {
			await markConversationReviewed(serverDatabase().db, reviewerOf(locals), id, form.input.note);
		} catch (caught) {
			if (caught instanceof DomainError && caught.code === 'NOT_FOUND') {
				error(404, {
					message: 'There is no such conversation, or it is not your team’s',
					code: 'NOT_FOUND'
				});
			}
			throw caught;
		}
		redirect(303, `/review/conversations/${id}?reviewed=1`);
	}
};
