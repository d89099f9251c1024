import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { removeQuestion } from '#lib/server/registrations/registration-settings.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await removeQuestion(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});
