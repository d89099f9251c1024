import { removeEventImage } from '#lib/server/programme/event-image.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await removeEventImage(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});
