import { getDirectoryPage } from '#lib/server/directory/directory.pages.ts';
import { serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await getDirectoryPage(serviceContext(locals), Object.fromEntries(url.searchParams), locals.app.config.mapTiles);
	const pageHref = (offset: number) => {
		const params = new URLSearchParams(url.searchParams);
		params.set('offset', String(offset));
		return `?${params}`;
	};
	const { offset } = page.filters;
	return {
		...page,
		errors: translateIssues(page.issues, locals.t),
		previousHref: offset > 0 ? pageHref(Math.max(0, offset - 50)) : null,
		nextHref: offset + page.items.length < page.total ? pageHref(offset + 50) : null
	};
};
