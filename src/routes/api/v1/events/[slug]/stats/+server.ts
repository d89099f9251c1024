import { json } from '@sveltejs/kit';
import { requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getRegistrationStats } from '#lib/server/registrations/participants.service.ts';
import { registrationApi } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** Organisers: the counts they report (participants, structures, élu·es, by type, role, département, session). */
export const GET: RequestHandler = ({ locals, params }) =>
	registrationApi(locals, async () => json(await getRegistrationStats(serviceContext(locals), requireActor(locals), params.slug)));
