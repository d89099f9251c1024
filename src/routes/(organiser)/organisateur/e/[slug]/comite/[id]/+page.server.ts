import { redirect } from '@sveltejs/kit';
import { getCommitteeMember, listCommittee, removeCommitteeMember, updateCommitteeMember } from '#lib/server/planning/committee.service.ts';
import { committeeFormToInput, committeeToFormValues, readCommitteeForm, withFormFields } from '#lib/server/planning/planning.form.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [member, committee] = await loadOr404(locals.t, () =>
		Promise.all([getCommitteeMember(ctx, actor, params.slug, params.id), listCommittee(ctx, actor, params.slug)])
	);
	return {
		member,
		values: committeeToFormValues(member),
		structures: committee.members.filter((m) => m.kind === 'structure' && m.id !== member.id).map((m) => ({ id: m.id, name: m.name })),
		saved: url.searchParams.has('enregistre')
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readCommitteeForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'save' }, () =>
			withFormFields(() =>
				updateCommitteeMember(
					serviceContext(locals),
					actor,
					params.slug,
					params.id,
					committeeFormToInput(values),
					readVersion(values.version)
				)
			)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/comite/${params.id}?enregistre`);
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'delete' }, () =>
			removeCommitteeMember(serviceContext(locals), actor, params.slug, params.id)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/comite?retire`);
	}
};
