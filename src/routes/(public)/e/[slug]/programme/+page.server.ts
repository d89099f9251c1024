import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { ldScript, programmeJsonLd } from '#lib/server/programme/exports/json-ld.ts';
import { programmePageView } from '#lib/server/programme/programme.pages.ts';
import { SESSION_FORMATS } from '#lib/server/programme/programme.schema.ts';
import { readFilters } from '#lib/ui/programme/grouping.ts';
import { toJson } from '#lib/ui/programme/json-view.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { listPreviousEditionGroupsBySlug } from '#lib/server/groups/follow-up.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	const filters = readFilters(url.searchParams, {
		formats: SESSION_FORMATS,
		rooms: programme.rooms.map((r) => r.id),
		themes: programme.event.themes,
		days: programme.days
	});
	const ids = new Set(programme.sessions.map((s) => s.id));
	const chosen = [...new Set(url.searchParams.getAll('s'))].filter((id) => ids.has(id));
	// Anonymous visitors of a published event all get the same page: shared caches may keep it briefly.
	if (!locals.actor && programme.event.status !== 'draft')
		setHeaders({ 'cache-control': 'public, max-age=60', vary: 'Accept-Language, Cookie' });
	// One JSON text rather than objects: see json-view.ts (the page is rendered on the server only).
	// « Suites de l'édition précédente »: the groups of the edition this one was prepared from.
	const previous = await listPreviousEditionGroupsBySlug(serviceContext(locals), params.slug);
	return { view: toJson(programmePageView(programme, filters, chosen)), jsonLd: ldScript(programmeJsonLd(programme)), previous };
};
