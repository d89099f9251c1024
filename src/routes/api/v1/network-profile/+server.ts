import { apiHandler, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { ifMatchVersionsOrNew } from '#lib/server/edit-version.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getOwnAccountProfile, saveAccountProfile, withdrawAccountProfile } from '#lib/server/network/profile.service.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

/** The caller's own entry in the territory's directory; 404 while they have none. */
export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => {
		const profile = await getOwnAccountProfile(serviceContext(locals), requireActor(locals));
		if (!profile) throw new NotFoundError('profile');
		return jsonWithEtag(profile);
	});

/** Joins the territory's directory, or replaces one's entry (the /reseau page's form); If-Match: the ETag GET gave, "0" when it answered 404. */
export const PUT: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		const version = ifMatchVersionsOrNew(request.headers.get('if-match'));
		return jsonWithEtag(await saveAccountProfile(serviceContext(locals), actor, body, version));
	});

/** Leaves the territory's directory; nothing to do when one was not in it. */
export const DELETE: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => {
		await withdrawAccountProfile(serviceContext(locals), requireActor(locals));
		return new Response(null, { status: 204 });
	});
