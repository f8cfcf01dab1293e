import { json } from '@sveltejs/kit';
import { directoryPageQuerySchema } from '$lib/domain/directory/directory-page.schema';
import { apiError } from '$lib/server/http/api-error';
import { listRegionPage, regionVersion } from '$lib/server/repos/directory.repo';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/**
 * A region's locations for the devices, a page at a time in location ID order, with an ETag so
 * an unchanged directory costs nothing. Every page carries the region's version, so a device can
 * tell when the directory changed while it was downloading.
 */
export const GET: RequestHandler = async ({ url, request }) => {
	const query = directoryPageQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) {
		return apiError({
			code: 'INVALID_QUERY',
			message: query.error.issues[0]?.message ?? 'The query is not valid'
		});
	}
	const { region, after, limit } = query.data;
	const { db } = serverDatabase();
	const version = await regionVersion(db, region);
	const etag = `"${encodeURIComponent(region)}-${version}${after ? `-${encodeURIComponent(after)}-${limit}` : ''}"`;
	const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
	if (request.headers.get('if-none-match') === etag) {
		return new Response(null, { status: 304, headers });
	}
	const page = await listRegionPage(db, region, after ?? null, limit);
	return json({ region, version, ...page }, { headers });
};
