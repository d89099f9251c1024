/**
 * HTTP for the open-data feeds: the file with its ETag, Last-Modified, licence link and a
 * short public cache; 304 when the client's If-None-Match (or If-Modified-Since) still holds,
 * so that aggregators poll cheaply. Bad filters answer the API's French 422.
 */
import { json } from '@sveltejs/kit';
import { errorBody } from '../api/api.ts';
import { serviceContext, translateIssues } from '../route-helpers.ts';
import { ValidationError } from '../validation.ts';
import { OPEN_DATA, csvOptionsFrom } from '../csv.ts';
import { parseNationalFilter } from './national.service.ts';
import { LICENCE_URL, renderOpenDataFeed, type OpenDataFeed } from './open-data.ts';

function notModified(request: Request, etag: string, lastModified: Date): boolean {
	const inm = request.headers.get('if-none-match');
	if (inm) return inm.split(',').some((v) => v.trim().replace(/^W\//, '') === etag || v.trim() === '*');
	const ims = request.headers.get('if-modified-since');
	return !!ims && !Number.isNaN(Date.parse(ims)) && lastModified.getTime() <= Date.parse(ims);
}

export async function openDataResponse(locals: App.Locals, request: Request, url: URL, feed: OpenDataFeed): Promise<Response> {
	let filter;
	let csv;
	try {
		filter = parseNationalFilter(url.searchParams);
		csv = csvOptionsFrom(url.searchParams, OPEN_DATA);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		const issues = translateIssues(e.issues, locals.t);
		return json(errorBody(Object.entries(issues).map(([field, message]) => ({ field, message }))), { status: 422 });
	}
	const file = await renderOpenDataFeed(serviceContext(locals), feed, filter, csv);
	const headers = {
		etag: file.etag,
		'last-modified': file.lastModified.toUTCString(),
		'cache-control': 'public, max-age=300',
		link: `<${LICENCE_URL}>; rel="license"`,
		'access-control-allow-origin': '*'
	};
	if (notModified(request, file.etag, file.lastModified)) return new Response(null, { status: 304, headers });
	return new Response(file.body, { headers: { ...headers, 'content-type': file.contentType } });
}
