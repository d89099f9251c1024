import { fail, redirect } from '@sveltejs/kit';
import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { createSpeaker } from '#lib/server/programme/speaker.service.ts';
import { emptySpeakerForm, readSpeakerForm, speakerFieldOf, speakerFormToInput, submitForm } from '#lib/server/programme/programme.form.ts';
import { parseProgramme, speakerCreateSchema } from '#lib/server/programme/programme.schema.ts';
import { readMultipart, uploadOf } from '#lib/server/programme/programme.http.ts';
import { loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
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
		let form: FormData;
		try {
			form = await readMultipart(request, 'portrait');
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { values: emptySpeakerForm(), errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
		const values = readSpeakerForm(form);
		const { input, issues } = speakerFormToInput(values);
		const upload = await uploadOf(form, 'portrait');
		const res = await loadOr404(locals.t, () =>
			submitForm(
				issues,
				speakerFieldOf,
				() => createSpeaker(serviceContext(locals), actor, params.slug, input, upload),
				async () => parseProgramme(speakerCreateSchema, input)
			)
		);
		if (!res.ok) return fail(400, { values, errors: translateIssues(res.issues, locals.t) });
		redirect(303, `/organisateur/e/${params.slug}/programme/intervenants/${res.result.id}?ok=created`);
	}
};
