import { requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import { exportSurveyAnswers } from '#lib/server/surveys/survey-results.service.ts';
import { surveyApi } from '#lib/server/surveys/survey.http.ts';
import { csvOptionsFrom } from '#lib/server/csv.ts';
import { rememberCsvSeparator } from '#lib/server/csv-preference.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ cookies, locals, params, url }) =>
	surveyApi(locals, async () => {
		// Asked from the results screen: its separator is offered first next time.
		rememberCsvSeparator(cookies, url);
		return fileResponse(
			await exportSurveyAnswers(serviceContext(locals), requireActor(locals), params.slug, locals.t, csvOptionsFrom(url.searchParams))
		);
	});
