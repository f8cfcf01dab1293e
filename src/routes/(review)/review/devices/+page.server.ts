import { reviewerOf } from '$lib/server/http/review-request';
import { devicesForReview } from '$lib/server/review/device-trust';
import { serverDatabase } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const now = new Date();
	return { now, inspectors: await devicesForReview(serverDatabase().db, reviewerOf(locals), now) };
};
