import { listNationalEvents, listNationalFilterChoices, parseNationalFilter } from '#lib/server/national/national.service.ts';
import { isMonth, monthGrid, shiftMonth } from '#lib/server/national/calendar.ts';
import { departementMap, MAP_VIEWBOX } from '#lib/server/national/map.ts';
import { serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import type { NationalFilter } from '#lib/server/national/national.schema.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = serviceContext(locals);
	let filter: NationalFilter = {};
	let errors: Record<string, string> = {};
	try {
		filter = parseNationalFilter(url.searchParams);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		errors = translateIssues(e.issues, locals.t);
	}
	const [{ items }, choices] = await Promise.all([listNationalEvents(ctx, filter), listNationalFilterChoices(ctx)]);
	const now = new Date().toISOString();
	const over = (e: { endsAt: string }) => new Date(e.endsAt).getTime() < Date.now();
	const counts: Record<string, number> = {};
	for (const e of items) if (e.departement && e.format !== 'online') counts[e.departement] = (counts[e.departement] ?? 0) + 1;
	const askedMonth = url.searchParams.get('mois');
	const month = isMonth(askedMonth) ? askedMonth : filter.year ? `${filter.year}-${now.slice(5, 7)}` : now.slice(0, 7);
	const query = new URLSearchParams([...url.searchParams].filter(([k]) => k !== 'mois'));
	return {
		filter: Object.fromEntries(url.searchParams),
		errors,
		choices,
		upcoming: items.filter((e) => !over(e) && e.format !== 'online'),
		past: items.filter((e) => over(e) && e.format !== 'online').reverse(),
		online: items.filter((e) => e.format === 'online'),
		total: items.length,
		map: { viewBox: MAP_VIEWBOX, departements: departementMap(counts) },
		calendar: {
			month,
			previous: shiftMonth(month, -1),
			next: shiftMonth(month, 1),
			weeks: monthGrid(month, items),
			query: query.toString()
		}
	};
};
