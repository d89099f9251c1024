import { getNationalFigures, listNationalFilterChoices, listRegions, parseNationalFilter } from '#lib/server/national/national.service.ts';
import { departementMap, MAP_VIEWBOX } from '#lib/server/national/map.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import { serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = serviceContext(locals);
	let year: number | undefined;
	let errors: Record<string, string> = {};
	try {
		year = parseNationalFilter({ year: url.searchParams.get('year') }).year;
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		errors = translateIssues(e.issues, locals.t);
	}
	const [figures, choices] = await Promise.all([getNationalFigures(ctx, { year }), listNationalFilterChoices(ctx)]);
	const regionNames = Object.fromEntries(listRegions().map((r) => [r.code, r.name]));
	const departementNames = Object.fromEntries(listDepartements().map((d) => [d.code, d.name]));
	return {
		figures,
		errors,
		years: choices.years,
		year: year ?? null,
		regionNames,
		departementNames,
		departementsTotal: listDepartements().length,
		map: { viewBox: MAP_VIEWBOX, departements: departementMap(figures.departements) }
	};
};
