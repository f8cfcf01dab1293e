import { json } from '@sveltejs/kit';
import { regionSchema } from '$lib/domain/directory/location.schema';
import { apiError } from '$lib/server/http/api-error';
import { listRegionLocations, regionVersion } from '$lib/server/repos/directory.repo';
import { serverDatabase } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** A region's locations for the devices, with an ETag so an unchanged directory costs nothing. */
export const GET: RequestHandler = async ({ url, request }) => {
	const region = regionSchema.safeParse(url.searchParams.get('region'));
	if (!region.success) {
		return apiError(400, {
			code: 'INVALID_QUERY',
			message: `Give a region, one of: ${regionSchema.options.join(', ')}`
		});
	}
	const { db } = serverDatabase();
	const etag = `"${encodeURIComponent(region.data)}-${await regionVersion(db, region.data)}"`;
	const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
	if (request.headers.get('if-none-match') === etag) {
		return new Response(null, { status: 304, headers });
	}
	return json(
		{ region: region.data, locations: await listRegionLocations(db, region.data) },
		{ headers }
	);
};
