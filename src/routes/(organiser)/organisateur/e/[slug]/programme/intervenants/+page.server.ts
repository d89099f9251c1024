import { fail, redirect } from '@sveltejs/kit';
import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { createSpeaker } from '#lib/server/programme/speaker.service.ts';
import { emptySpeakerForm, submitSpeakerForm } from '#lib/server/programme/programme.form.ts';
import { speakerCreateSchema } from '#lib/server/programme/programme.schema.ts';
import { loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	return {
		programme: await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, locals.lang)),
		values: emptySpeakerForm(),
		deleted: url.searchParams.has('supprime')
	};
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await loadOr404(locals.t, () =>
			submitSpeakerForm(request, speakerCreateSchema, (input, upload) =>
				createSpeaker(serviceContext(locals), actor, params.slug, input, upload)
			)
		);
		if (!res.ok) return fail(400, { values: res.values ?? emptySpeakerForm(), errors: translateIssues(res.issues, locals.t) });
		redirect(303, `/organisateur/e/${params.slug}/programme/intervenants/${res.result.id}?ok=created`);
	}
};
