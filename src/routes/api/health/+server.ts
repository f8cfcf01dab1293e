import { json } from '@sveltejs/kit';
import { databaseAnswers } from '$lib/server/db/database';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const { db, kind } = serverDatabase();
	const answers = await databaseAnswers(db);
	return json(
		{ status: answers ? 'ok' : 'unavailable', database: { kind, answers } },
		{ status: answers ? 200 : 503 }
	);
};
