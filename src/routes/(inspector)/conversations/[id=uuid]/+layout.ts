import { conversationIdFrom } from '$lib/domain/ids';
import { error } from '@sveltejs/kit';
import { getConversation, listDrafts } from '$lib/client/db/conversations.repo';
import { getQuestionSet } from '$lib/client/db/reference.repo';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent, params }) => {
	const { db } = await parent();
	const id = conversationIdFrom(params.id);
	const conversation = await getConversation(db, id);
	if (!conversation) {
		error(404, { message: 'There is no conversation at this address on this device.' });
	}
	const questionSet = await getQuestionSet(db, conversation.questionSet);
	if (!questionSet) {
		error(500, { message: 'The question set this conversation uses is missing from this device.' });
	}
	return { conversation, questionSet, drafts: await listDrafts(db, id) };
};
