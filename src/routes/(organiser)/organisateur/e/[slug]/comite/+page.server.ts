import { addCommitteeMember, importEventOrganisers, listCommittee } from '#lib/server/planning/committee.service.ts';
import { committeeFormToInput, emptyCommitteeForm, readCommitteeForm, withFormFields } from '#lib/server/planning/planning.form.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const committee = await loadOr404(locals.t, () => listCommittee(serviceContext(locals), actor, params.slug));
	return { ...committee, empty: emptyCommitteeForm(), deleted: url.searchParams.has('retire') };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readCommitteeForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			withFormFields(() => addCommitteeMember(serviceContext(locals), actor, params.slug, committeeFormToInput(values)))
		);
		if (!res.ok) return res.failure;
		return { added: res.result.name };
	},
	import: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'import' }, () => importEventOrganisers(serviceContext(locals), actor, params.slug));
		if (!res.ok) return res.failure;
		return { imported: res.result };
	}
};
