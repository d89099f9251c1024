import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import { getAllCertificates, getCertificate } from '#lib/server/reports/certificate.service.ts';
import type { RequestHandler } from './$types';

/** One person's certificate of attendance (404 for someone who never came); `all.pdf`: everyone's, a page each. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const ctx = serviceContext(locals);
		if (params.registrationId === 'all') return fileResponse(await getAllCertificates(ctx, actor, params.slug, 'pdf', locals.lang));
		return fileResponse(await getCertificate(ctx, actor, params.slug, params.registrationId, locals.lang));
	});
