import { json } from '@sveltejs/kit';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { findRegistrationIdByToken } from '#lib/server/registrations/registration.service.ts';
import { submitSurveyResponse } from '#lib/server/surveys/survey-response.service.ts';
import { linkInvalid, readAnswerJson, requireManageToken, surveyApi } from '#lib/server/surveys/survey.http.ts';
import type { RequestHandler } from './$types';

// The bearer is the registration's private-link token (`mrg_…`), which hooks does not know as an
// API token: it is checked here, before the body is read.
export const POST: RequestHandler = ({ locals, params, request }) =>
	surveyApi(locals, async () => {
		const token = requireManageToken(request, locals);
		if (!(await findRegistrationIdByToken(serviceContext(locals), token))) linkInvalid(locals);
		const body = await readAnswerJson(request, locals);
		const saved = await submitSurveyResponse(serviceContext(locals), token, params.slug, body);
		return json(saved, { status: 201 });
	});
