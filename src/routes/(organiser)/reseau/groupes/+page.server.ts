import { requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { listGroupsOfAccount } from '#lib/server/groups/account-groups.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const actor = requireUser(locals, url);
	return { groups: await listGroupsOfAccount(serviceContext(locals), actor), done: url.searchParams.get('fait') };
};
