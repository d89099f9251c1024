import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { browseAuditLogForApi } from '#lib/server/api/screens.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () => json(await browseAuditLogForApi(serviceContext(locals), requireActor(locals), url.searchParams)));
