import { getPreparationOverview } from '#lib/server/planning/preparation.service.ts';
import { getImprovementChecklist, turnPointIntoTask } from '#lib/server/reports/next-edition.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	return {
		overview: await loadOr404(locals.t, () => getPreparationOverview(ctx, actor, params.slug)),
		// The previous edition's « à améliorer » points (reports area), when this event was prepared from one.
		improvements: await loadOr404(locals.t, () => getImprovementChecklist(ctx, actor, params.slug))
	};
};

export const actions: Actions = {
	toTask: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const index = Number((await request.formData()).get('point'));
		const res = await formAction(locals, { _form: 'toTask' }, () => turnPointIntoTask(serviceContext(locals), actor, params.slug, index));
		if (!res.ok) return res.failure;
		return { taskCreated: true };
	}
};
