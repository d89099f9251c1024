import { getLabelRequestForEvent, requestLabel } from '#lib/server/national/label-request.service.ts';
import { labelRequestFromForm } from '#lib/server/national/label-request.form.ts';
import { LABEL_SUPPORTS } from '#lib/server/national/label-request.schema.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	request: await loadOr404(locals.t, () => getLabelRequestForEvent(serviceContext(locals), requireUser(locals, url), params.slug)),
	supports: [...LABEL_SUPPORTS],
	sent: url.searchParams.has('envoyee')
});

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const { values, input, version } = labelRequestFromForm(await request.formData());
		const res = await formAction(locals, values, () =>
			requestLabel(serviceContext(locals), actor, params.slug, input, new Date(), version)
		);
		if (!res.ok) return res.failure;
		return { sent: true };
	}
};
