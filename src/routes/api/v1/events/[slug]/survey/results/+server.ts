import { json } from '@sveltejs/kit';
import { requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getSurveyResults } from '#lib/server/surveys/survey-results.service.ts';
import { surveyApi } from '#lib/server/surveys/survey.http.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, url }) =>
	surveyApi(locals, async () => {
		const actor = requireActor(locals);
		const filter = { role: url.searchParams.get('role') || undefined, structureType: url.searchParams.get('structureType') || undefined };
		return json((await getSurveyResults(serviceContext(locals), actor, params.slug, filter)).results);
	});
