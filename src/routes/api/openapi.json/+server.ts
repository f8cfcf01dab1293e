import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/http/openapi';
import type { RequestHandler } from './$types';

/** The API described in OpenAPI 3.1, generated from the request and response schemas. */
export const GET: RequestHandler = () => json(openApiDocument());
