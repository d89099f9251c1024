import { getDirectoryPage } from '#lib/server/directory/directory.pages.ts';
import { serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = await getDirectoryPage(serviceContext(locals), Object.fromEntries(url.searchParams));
	return { ...page, errors: translateIssues(page.issues, locals.t), search: url.search };
};
