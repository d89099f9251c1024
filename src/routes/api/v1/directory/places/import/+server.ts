import { json } from '@sveltejs/kit';
import { importPlacesCsv, importPlacesJson } from '#lib/server/directory/place.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { isBodyTooLarge, readBodyCapped } from '#lib/server/request-body.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The national file of some 20,000 places weighs about 15 MB (a little more as JSON). */
const IMPORT_LIMIT = 24_000_000;

export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const error = (status: number, message: string) => json({ errors: [{ field: '_', message }] }, { status });
		const type = request.headers.get('content-type') ?? '';
		const isJson = /^application\/([a-z.+-]*\+)?json\b/i.test(type);
		if (!isJson && !/^(text\/csv|application\/csv|text\/plain)\b/i.test(type))
			return error(400, locals.t('directory.errors.notImportable'));
		let body: Uint8Array;
		try {
			body = await readBodyCapped(request, IMPORT_LIMIT);
		} catch (e) {
			if (isBodyTooLarge(e)) return error(413, locals.t('directory.errors.tooLarge', { max: IMPORT_LIMIT / 1_000_000 }));
			throw e;
		}
		// An unreadable JSON body is a 400, as everywhere in the API; a readable one that is not an
		// array of places is refused by the import itself (422, with the reason).
		if (isJson && !parsesAsJson(body)) return error(400, locals.t('errors.malformedJson'));
		const run = isJson ? importPlacesJson : importPlacesCsv;
		return json(await run(serviceContext(locals), actor, body, locals.t));
	});

function parsesAsJson(body: Uint8Array): boolean {
	try {
		JSON.parse(new TextDecoder().decode(body).replace(/^\uFEFF/u, ''));
		return true;
	} catch {
		return false;
	}
}
