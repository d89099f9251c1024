import { json } from '@sveltejs/kit';
import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { programmeToFrab } from '#lib/server/programme/exports/frab.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The programme in the frab / pretalx schedule format that conference apps read. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const programme = await getPublicProgramme(serviceContext(locals), optionalActor(locals), params.slug);
		return json(programmeToFrab(programme), {
			headers: {
				'cache-control': programme.event.status === 'draft' ? 'private, no-store' : 'public, max-age=300',
				'access-control-allow-origin': '*'
			}
		});
	});
