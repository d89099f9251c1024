import { json } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getArrivalCounts } from '#lib/server/checkin/checkin.service.ts';
import type { RequestHandler } from './$types';

/** Arrivals of a half-day, for the desk's live counter (polled by the page when scripts run). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const counts = await loadOr404(locals.t, () =>
		getArrivalCounts(serviceContext(locals), actor, params.slug, url.searchParams.get('demi-journee'))
	);
	return json(counts, { headers: { 'cache-control': 'no-store' } });
};
