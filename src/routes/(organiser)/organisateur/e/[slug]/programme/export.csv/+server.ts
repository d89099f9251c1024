import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { programmeToCsv } from '#lib/server/programme/exports/csv.ts';
import { loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { CSV_CONTENT_TYPE, csvOptionsFrom } from '#lib/server/csv.ts';
import { rememberCsvSeparator, spreadsheetCsvDefaults } from '#lib/server/csv-preference.ts';
import type { RequestHandler } from './$types';

/** The programme as a spreadsheet, with its warnings, for the team only. */
export const GET: RequestHandler = async ({ cookies, locals, params, url }) => {
	const actor = requireUser(locals, url);
	// The separator chosen on the screen is offered first next time; without one, the remembered one.
	rememberCsvSeparator(cookies, url);
	const csv = await loadOr404(locals.t, async () => csvOptionsFrom(url.searchParams, spreadsheetCsvDefaults(cookies, locals.lang)));
	const programme = await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, 'fr'));
	return new Response(programmeToCsv(programme, programme.conflicts, csv), {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': `attachment; filename="programme-${params.slug}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
