import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import { getAllCertificates } from '#lib/server/reports/certificate.service.ts';
import type { RequestHandler } from './$types';

/** Every certificate of attendance, one PDF per person, in a ZIP. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		fileResponse(await getAllCertificates(serviceContext(locals), requireActor(locals), params.slug, 'zip', locals.lang))
	);
