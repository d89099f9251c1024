import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { importEventOrganisers } from '#lib/server/planning/committee.service.ts';
import type { RequestHandler } from './$types';

/** The committee page's « import the organising structures »: how many members were added. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json({ imported: await importEventOrganisers(serviceContext(locals), requireActor(locals), params.slug) })
	);
