import { json } from '@sveltejs/kit';
import { apiHandler, readCsvBody, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { previewSurveyImport } from '#lib/server/surveys/survey-import.service.ts';
import type { RequestHandler } from './$types';

/** The file's columns and the questions they may fill, as the import screen's first step shows them; nothing is stored. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const { headers, lines, questions, guess } = await previewSurveyImport(
			serviceContext(locals),
			actor,
			params.slug,
			await readCsvBody(request, locals.t)
		);
		return json({ headers, lines, questions, guess });
	});
