import { conversationIdFrom, questionIdFrom, questionRowId } from '$lib/domain/ids';
import { error, fail, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/domain/errors';
import { allowedActions } from '$lib/domain/review/flag-transitions';
import { readForm } from '$lib/server/http/form-errors';
import { amendmentAwaitingSeverity } from '$lib/domain/review/amended-answer';
import { findOption } from '$lib/domain/question-sets/question-sets';
import {
	readCommentForm,
	readFlagDecisionForm,
	readSeverityForm
} from '$lib/server/http/review-forms';
import { reviewerOf, todayInUk } from '$lib/server/http/review-request';
import { conversationForReview } from '$lib/server/review/conversation-detail';
import { commentOnFlag, decideFlag } from '$lib/server/review/flag-decisions';
import { confirmSeverity } from '$lib/server/review/severity-confirmation';
import { assigneesFor } from '$lib/server/review/review-people';
import { serverDatabase } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = { message: 'There is no such flag, or it is not your team’s', code: 'NOT_FOUND' };

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { db } = serverDatabase();
	const reviewer = reviewerOf(locals);
	const detail = await conversationForReview(db, reviewer, conversationIdFrom(params.id));
	const found = detail?.flags.find((row) => row.flag.questionId === params.question);
	if (!detail?.questionSet || !found) error(404, NOT_FOUND);
	const question = detail.questionSet.areas
		.flatMap((area) => area.questions)
		.find((q) => q.id === params.question);
	const optionId = detail.conversation.answers[found.flag.questionId]?.optionId ?? null;
	const awaiting = amendmentAwaitingSeverity(
		detail.returns,
		found.flag.questionId,
		optionId,
		found.flag.severityConfirmedAt
	);
	const label = (id: string | null) => (question && findOption(question, id)?.label) ?? 'no answer';
	return {
		conversation: detail.conversation,
		inspectorName: detail.inspectorName,
		question: question ?? null,
		flag: found.flag,
		notes: detail.conversation.answers[found.flag.questionId]?.notes ?? '',
		assigneeName: found.assigneeName,
		assigneeActive: found.assigneeActive,
		actions: allowedActions(found.flag.reviewStatus),
		amendment:
			awaiting && found.flag.status === 'raised'
				? { at: awaiting.answeredAt, from: label(awaiting.originalOptionId), to: label(optionId) }
				: null,
		// The question's returns and amendments as well as the flag's own events.
		events: detail.events.filter((event) => event.questionId === found.flag.questionId),
		assignees: await assigneesFor(db, detail.teamId),
		today: todayInUk(),
		saved: url.searchParams.get('saved')
	};
};

const flagIdOf = (params: { id: string; question: string }) =>
	questionRowId(conversationIdFrom(params.id), questionIdFrom(params.question));

export const actions: Actions = {
	decide: async ({ request, params, locals }) => {
		const form = readFlagDecisionForm(await readForm(request));
		if (!form.ok) return form.failure;
		try {
			await decideFlag(serverDatabase().db, reviewerOf(locals), flagIdOf(params), form.input);
		} catch (caught) {
			if (!(caught instanceof DomainError)) throw caught;
			if (caught.code === 'NOT_FOUND') error(404, NOT_FOUND);
			const field = caught.field ?? (caught.code === 'INVALID_ARGS' ? 'assigneeId' : 'action');
			const status = caught.code === 'CHANGED_BY_SOMEONE_ELSE' ? 409 : 400;
			return fail(status, {
				form: 'decision',
				values: form.values,
				errors: [{ field, message: caught.message }]
			});
		}
		redirect(303, `/review/conversations/${params.id}/flags/${params.question}?saved=decision`);
	},
	severity: async ({ request, params, locals }) => {
		const form = readSeverityForm(await readForm(request));
		if (!form.ok) return form.failure;
		try {
			await confirmSeverity(serverDatabase().db, reviewerOf(locals), flagIdOf(params), form.input);
		} catch (caught) {
			if (!(caught instanceof DomainError)) throw caught;
			if (caught.code === 'NOT_FOUND') error(404, NOT_FOUND);
			return fail(caught.code === 'CHANGED_BY_SOMEONE_ELSE' ? 409 : 400, {
				form: 'severity',
				values: { severity: form.input.severity },
				errors: [{ field: 'severity', message: caught.message }]
			});
		}
		redirect(303, `/review/conversations/${params.id}/flags/${params.question}?saved=severity`);
	},
	comment: async ({ request, params, locals }) => {
		const form = readCommentForm(await readForm(request));
		if (!form.ok) return form.failure;
		try {
			await commentOnFlag(
				serverDatabase().db,
				reviewerOf(locals),
				flagIdOf(params),
				form.input.comment
			);
		} catch (caught) {
			if (caught instanceof DomainError && caught.code === 'NOT_FOUND') error(404, NOT_FOUND);
			throw caught;
		}
		redirect(303, `/review/conversations/${params.id}/flags/${params.question}?saved=comment`);
	}
};
