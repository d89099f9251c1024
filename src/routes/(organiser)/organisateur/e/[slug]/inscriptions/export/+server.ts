import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { cleanFilter, exportParticipants } from '#lib/server/registrations/participants.service.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import { csvOptionsFrom } from '#lib/server/csv.ts';
import { rememberCsvSeparator, spreadsheetCsvDefaults } from '#lib/server/csv-preference.ts';
import type { RequestHandler } from './$types';

/** The participant list as a file (`?format=csv|xlsx` and the list's filters); audited. */
export const GET: RequestHandler = async ({ cookies, locals, params, url }) => {
	const actor = requireUser(locals, url);
	// The separator chosen on the screen is offered first next time; without one, the remembered one.
	rememberCsvSeparator(cookies, url);
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const filter = cleanFilter(Object.fromEntries(url.searchParams));
	return fileResponse(
		await loadOr404(locals.t, () =>
			exportParticipants(
				serviceContext(locals),
				actor,
				params.slug,
				filter,
				format,
				locals.lang,
				csvOptionsFrom(url.searchParams, spreadsheetCsvDefaults(cookies, locals.lang))
			)
		)
	);
};
