import { requireUser } from '#lib/server/route-helpers.ts';
import { preferredCsvSeparator } from '#lib/server/csv-preference.ts';
import type { LayoutServerLoad } from './$types';

// Everything under (organiser) is for signed-in people; the services check each event's roles.
// The CSV separator the person chose last is what the export screens' select offers first.
export const load: LayoutServerLoad = ({ cookies, locals, url }) => {
	requireUser(locals, url);
	return { csvSeparator: preferredCsvSeparator(cookies, locals.lang) };
};
