import { json } from '@sveltejs/kit';
import { importPlacesCsv } from '#lib/server/directory/place.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { isBodyTooLarge, readBodyCapped } from '#lib/server/request-body.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The national file of some 20,000 places weighs about 15 MB. */
const IMPORT_LIMIT = 24_000_000;

export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const error = (status: number, message: string) => json({ errors: [{ field: '_', message }] }, { status });
		if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(request.headers.get('content-type') ?? ''))
			return error(400, locals.t('directory.errors.notCsv'));
		let body: Uint8Array;
		try {
			body = await readBodyCapped(request, IMPORT_LIMIT);
		} catch (e) {
			if (isBodyTooLarge(e)) return error(413, locals.t('directory.errors.tooLarge', { max: IMPORT_LIMIT / 1_000_000 }));
			throw e;
		}
		return json(await importPlacesCsv(serviceContext(locals), actor, body, locals.t));
	});
