import { listLabelRequests } from '#lib/server/national/label-request.service.ts';
import { LABEL_REQUEST_STATUSES } from '#lib/server/national/label-request.schema.ts';
import { loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const asked = url.searchParams.get('statut') ?? '';
	const status = (LABEL_REQUEST_STATUSES as readonly string[]).includes(asked) ? asked : null;
	const requests = await loadOr404(locals.t, () => listLabelRequests(serviceContext(locals), actor, status));
	return { requests, status: status ?? '', statuses: [...LABEL_REQUEST_STATUSES] };
};
