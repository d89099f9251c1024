import { json } from '@sveltejs/kit';
import { apiHandler, readCsvBody, requireActor } from '#lib/server/api/api.ts';
import { importParticipants } from '#lib/server/registrations/participants.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Registers the people of a CSV file, as the « Importer » screen does; `?sendConfirmation=false` sends no e-mail. */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const text = new TextDecoder().decode(await readCsvBody(request, locals.t));
		const report = await importParticipants(serviceContext(locals), actor, params.slug, text, {
			sendConfirmation: url.searchParams.get('sendConfirmation') !== 'false',
			lang: locals.lang
		});
		locals.app.kickMail();
		return json(report);
	});
