import { conversationIdFrom, questionIdFrom } from '$lib/domain/ids';
import { error, fail, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/domain/errors';
import { readForm } from '$lib/server/http/form-errors';
import { readSendBackForm } from '$lib/server/http/review-forms';
import { reviewerOf } from '$lib/server/http/review-request';
import { conversationForReview } from '$lib/server/review/conversation-detail';
import { sendQuestionBack } from '$lib/server/review/question-returns';
import { serverDatabase } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = {
	message: 'There is no such question, or it is not your team’s',
	code: 'NOT_FOUND'
};

export const load: PageServerLoad = async ({ params, locals }) => {
	const detail = await conversationForReview(
		serverDatabase().db,
		reviewerOf(locals),
		conversationIdFrom(params.id)
	);
	const question = detail?.questionSet?.areas
		.flatMap((area) => area.questions)
		.find((q) => q.id === params.question);
	if (!detail?.questionSet || !question) error(404, NOT_FOUND);
	return {
		conversation: detail.conversation,
		questionSet: detail.questionSet,
		question,
		inspectorName: detail.inspectorName,
		waiting: detail.returns.some(
			(entry) => entry.questionId === params.question && entry.status === 'open'
		)
	};
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const form = readSendBackForm(await readForm(request));
		if (!form.ok) return form.failure;
		try {
			await sendQuestionBack(
				serverDatabase().db,
				reviewerOf(locals),
				conversationIdFrom(params.id),
				questionIdFrom(params.question),
				form.input.comment
			);
		} catch (caught) {
			if (!(caught instanceof DomainError)) throw caught;
			if (caught.code === 'NOT_FOUND') error(404, NOT_FOUND);
			return fail(409, {
				values: { comment: form.input.comment },
				errors: [{ field: 'comment', message: caught.message }]
			});
		}
		redirect(
			303,
			`/review/conversations/${params.id}?sent-back=${params.question}#question-${params.question}`
		);
	}
};
