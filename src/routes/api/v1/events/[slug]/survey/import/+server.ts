import { json } from '@sveltejs/kit';
import { apiHandler, readCsvBody, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { importSurveyAnswersFile } from '#lib/server/surveys/survey-import.service.ts';
import type { RequestHandler } from './$types';

/**
 * Imports answers collected elsewhere, as the « Importer des réponses » screen: `mapping[<question
 * id>]=<column>` chooses the columns, else those named like the questions are used.
 */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const bytes = await readCsvBody(request, locals.t);
		const given = [...url.searchParams].flatMap(([key, value]) => {
			const question = /^mapping\[(.+)\]$/.exec(key)?.[1];
			return question ? [[question, value.trim() === '' ? NaN : Number(value)] as const] : [];
		});
		const mapping = given.length ? Object.fromEntries(given) : undefined;
		return json(await importSurveyAnswersFile(serviceContext(locals), actor, params.slug, bytes, mapping, locals.lang));
	});
