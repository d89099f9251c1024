import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getOwnAccountProfile, saveAccountProfile, withdrawAccountProfile } from '#lib/server/network/profile.service.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's own entry in the territory's directory; 404 while they have none. */
export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => {
		const profile = await getOwnAccountProfile(serviceContext(locals), requireActor(locals));
		if (!profile) throw new NotFoundError('profile');
		return json(profile);
	});

/** Joins the territory's directory, or replaces one's entry (the /reseau page's form). */
export const PUT: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(await saveAccountProfile(serviceContext(locals), actor, await readJson(request, locals.t)));
	});

/** Leaves the territory's directory; nothing to do when one was not in it. */
export const DELETE: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => {
		await withdrawAccountProfile(serviceContext(locals), requireActor(locals));
		return new Response(null, { status: 204 });
	});
