import { fail, redirect } from '@sveltejs/kit';
import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { createSession } from '#lib/server/programme/session.service.ts';
import { emptySessionForm, submitSessionForm } from '#lib/server/programme/programme.form.ts';
import { sessionCreateSchema } from '#lib/server/programme/programme.schema.ts';
import { loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const programme = await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, locals.lang));
	const day = url.searchParams.get('jour');
	return {
		programme,
		values: emptySessionForm({
			day: day && programme.days.includes(day) ? day : programme.days[0],
			startTime: url.searchParams.get('debut') ?? '',
			roomId: url.searchParams.get('espace') ?? ''
		})
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await loadOr404(locals.t, () =>
			submitSessionForm(request, sessionCreateSchema, (input) =>
				createSession(serviceContext(locals), actor, params.slug, input, locals.lang)
			)
		);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t) });
		redirect(303, `/organisateur/e/${params.slug}/programme?s=${res.result.id}&ok=created#panneau`);
	}
};
