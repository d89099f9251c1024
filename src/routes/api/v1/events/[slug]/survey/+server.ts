import { json } from '@sveltejs/kit';
import { ifMatch, jsonWithEtag, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getSurvey, saveSurvey } from '#lib/server/surveys/survey.service.ts';
import { getSurveyForToken } from '#lib/server/surveys/survey-response.service.ts';
import { bearerManageToken } from '#lib/server/registrations/registration.http.ts';
import { surveyApi } from '#lib/server/surveys/survey.http.ts';
import type { RequestHandler } from './$types';

/** The survey: for its team, or for a participant with their private link's token as bearer. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	surveyApi(locals, async () => {
		const token = bearerManageToken(request);
		if (token && !locals.actor) return json(await getSurveyForToken(serviceContext(locals), token, params.slug));
		return jsonWithEtag(await getSurvey(serviceContext(locals), optionalActor(locals), params.slug));
	});

export const PUT: RequestHandler = ({ locals, params, request }) =>
	surveyApi(locals, async () => {
		const actor = requireActor(locals);
		const input = await readJson(request, locals.t);
		return jsonWithEtag(await saveSurvey(serviceContext(locals), actor, params.slug, input, ifMatch(request)));
	});
