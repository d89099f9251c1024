import { apiHandler, ifMatch, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { getRegistrationSettingsForApi, updateRegistrationSettingsForApi } from '#lib/server/api/screens.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		jsonWithEtag(await getRegistrationSettingsForApi(serviceContext(locals), requireActor(locals), params.slug))
	);

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		const settings = await updateRegistrationSettingsForApi(serviceContext(locals), actor, params.slug, body, ifMatch(request));
		locals.app.kickMail();
		return jsonWithEtag(settings);
	});
