import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { updateSignatoryFromInput } from '#lib/server/reports/certificate.service.ts';
import type { RequestHandler } from './$types';

/** Who signs the certificates of attendance, and optionally their signature image. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		await updateSignatoryFromInput(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return new Response(null, { status: 204 });
	});
