import { error, fail, redirect } from '@sveltejs/kit';
import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { addResourceFile, addResourceLink, deleteResource, deleteSession, updateSession } from '#lib/server/programme/session.service.ts';
import { sessionToFormValues, submitSessionForm } from '#lib/server/programme/programme.form.ts';
import { sessionPatchSchema } from '#lib/server/programme/programme.schema.ts';
import { readMultipart, uploadOf } from '#lib/server/programme/programme.http.ts';
import { formAction, loadOr404, requireUser, serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const programme = await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, locals.lang));
	const session = programme.sessions.find((s) => s.id === params.id);
	if (!session) error(404, locals.t('errors.notFound'));
	return {
		programme,
		session,
		warnings: programme.conflicts.filter((c) => c.sessionIds.includes(session.id)),
		values: sessionToFormValues(session),
		done: url.searchParams.get('ok')
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await loadOr404(locals.t, () =>
			submitSessionForm(request, sessionPatchSchema, (input, version) =>
				updateSession(serviceContext(locals), actor, params.slug, params.id, input, locals.lang, version)
			)
		);
		if (!res.ok && res.stale !== undefined) return staleFailure(locals.t, res.values, res.stale);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t) });
		redirect(303, `/organisateur/e/${params.slug}/programme/sessions/${params.id}?ok=saved`);
	},
	addLink: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const link = { kind: String(form.get('kind') ?? 'link'), title: String(form.get('title') ?? ''), url: String(form.get('url') ?? '') };
		const res = await formAction(locals, link, () => addResourceLink(serviceContext(locals), actor, params.slug, params.id, link));
		if (!res.ok) return fail(400, { resource: 'link', ...(res.failure.data as object) });
		return { resourceAdded: res.result.title };
	},
	addFile: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, {}, async () => {
			const form = await readMultipart(request, 'file');
			const upload = await uploadOf(form, 'file');
			if (!upload) throw new ValidationError([{ field: 'file', message: 'programme.errors.fileRequired' }]);
			return addResourceFile(serviceContext(locals), actor, params.slug, params.id, { title: String(form.get('title') ?? ''), upload });
		});
		if (!res.ok) return fail(400, { resource: 'file', ...(res.failure.data as object) });
		return { resourceAdded: res.result.title };
	},
	deleteResource: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const resourceId = String((await request.formData()).get('resourceId') ?? '');
		await loadOr404(locals.t, () => deleteResource(serviceContext(locals), actor, params.slug, params.id, resourceId));
		return { resourceDeleted: true };
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		await loadOr404(locals.t, () => deleteSession(serviceContext(locals), actor, params.slug, params.id));
		redirect(303, `/organisateur/e/${params.slug}/programme?ok=deleted`);
	}
};
