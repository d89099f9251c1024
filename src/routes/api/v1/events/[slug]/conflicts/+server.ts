import { json } from '@sveltejs/kit';
import { listConflicts } from '#lib/server/programme/programme.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The programme's warnings, for the event's team (404 for anyone else); messages in French unless asked otherwise. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listConflicts(serviceContext(locals), optionalActor(locals), params.slug, locals.lang)));
