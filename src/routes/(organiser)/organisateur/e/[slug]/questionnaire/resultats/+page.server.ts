import { loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { redirect } from '@sveltejs/kit';
import { ConflictError, NotFoundError } from '#lib/server/validation.ts';
import { MIN_GROUP, getSurveyResults } from '#lib/server/surveys/survey-results.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const filter = { role: url.searchParams.get('role') || undefined, structureType: url.searchParams.get('structureType') || undefined };
	let refused: string | null = null;
	const read = async () => {
		try {
			return await getSurveyResults(serviceContext(locals), actor, params.slug, filter);
		} catch (e) {
			// No survey yet (the event exists and is the actor's): its results are on the builder's page.
			if (e instanceof NotFoundError && e.message === 'survey') redirect(303, `/organisateur/e/${params.slug}/questionnaire`);
			if (!(e instanceof ConflictError)) throw e;
			// A group too small to be shown: say so, and show every answer instead.
			refused = translateIssues(e.issues, locals.t).filter ?? null;
			return getSurveyResults(serviceContext(locals), actor, params.slug);
		}
	};
	const r = await loadOr404(locals.t, read);
	return {
		survey: r.survey,
		results: r.results,
		groups: r.groups,
		filter: refused ? {} : filter,
		refused: refused as string | null,
		minGroup: MIN_GROUP
	};
};
