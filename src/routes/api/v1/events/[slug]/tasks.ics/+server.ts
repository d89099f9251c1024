import { renderTaskFeed } from '#lib/server/planning/feed.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

// Calendar apps cannot sign in: `?token=` is the member's private feed address. Without it,
// the signed-in member (cookie or API token) downloads the same file.
export const GET: RequestHandler = ({ locals, params, url }) =>
	apiHandler(locals, async () => {
		const token = url.searchParams.get('token');
		const auth = token !== null ? { token } : { actor: optionalActor(locals) };
		const ics = await renderTaskFeed(serviceContext(locals), params.slug, auth, { mine: url.searchParams.get('mine') === '1' });
		return new Response(ics, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `inline; filename="retroplanning-${params.slug}.ics"`,
				'cache-control': 'private, no-store'
			}
		});
	});
