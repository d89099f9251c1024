import { json } from '@sveltejs/kit';
import { listCorrectionQueue } from '#lib/server/directory/suggestion.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => json(await listCorrectionQueue(serviceContext(locals), requireActor(locals))));
