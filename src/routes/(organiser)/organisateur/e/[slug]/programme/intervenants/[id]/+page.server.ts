import { error, fail, redirect } from '@sveltejs/kit';
import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { deleteSpeaker, inviteSpeaker, removeSpeakerPortrait, updateSpeaker } from '#lib/server/programme/speaker.service.ts';
import { speakerToFormValues, submitSpeakerForm } from '#lib/server/programme/programme.form.ts';
import { speakerPatchSchema } from '#lib/server/programme/programme.schema.ts';
import { formAction, loadOr404, requireUser, serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const programme = await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, locals.lang));
	const speaker = programme.speakers.find((s) => s.id === params.id);
	if (!speaker) error(404, locals.t('errors.notFound'));
	return {
		programme,
		speaker,
		sessions: programme.sessions.filter((s) => s.speakerIds.includes(speaker.id)),
		values: speakerToFormValues(speaker),
		done: url.searchParams.get('ok')
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await loadOr404(locals.t, () =>
			submitSpeakerForm(request, speakerPatchSchema, (input, upload, version) =>
				updateSpeaker(serviceContext(locals), actor, params.slug, params.id, input, upload, version)
			)
		);
		if (!res.ok && res.stale !== undefined && res.values) return staleFailure(locals.t, res.values, res.stale);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t) });
		redirect(303, `/organisateur/e/${params.slug}/programme/intervenants/${params.id}?ok=saved`);
	},
	invite: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, {}, () => inviteSpeaker(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok)
			return fail(400, { inviteError: Object.values((res.failure.data as { errors: Record<string, string> }).errors).join(' ') });
		locals.app.kickMail();
		return { invited: res.result.email };
	},
	removePortrait: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		await loadOr404(locals.t, () => removeSpeakerPortrait(serviceContext(locals), actor, params.slug, params.id));
		return { portraitRemoved: true };
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		await loadOr404(locals.t, () => deleteSpeaker(serviceContext(locals), actor, params.slug, params.id));
		redirect(303, `/organisateur/e/${params.slug}/programme/intervenants?supprime`);
	}
};
