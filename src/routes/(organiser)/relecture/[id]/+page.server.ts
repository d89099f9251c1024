import { decideLabelRequest, getLabelRequest } from '#lib/server/national/label-request.service.ts';
import { decisionFromForm } from '#lib/server/national/label-request.form.ts';
import { LABEL_DECISIONS } from '#lib/server/national/label-request.schema.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	request: await loadOr404(locals.t, () => getLabelRequest(serviceContext(locals), requireUser(locals, url), params.id)),
	decisions: [...LABEL_DECISIONS]
});

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const { values, input } = decisionFromForm(await request.formData());
		const res = await formAction(locals, values, () => decideLabelRequest(serviceContext(locals), actor, params.id, input));
		if (!res.ok) return res.failure;
		locals.app.kickMail();
		return { decided: res.result.status };
	}
};
