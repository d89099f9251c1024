import { redirect } from '@sveltejs/kit';
import { createCampaign, listCampaigns } from '#lib/server/campaigns/campaign.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const campaigns = await loadOr404(locals.t, () => listCampaigns(serviceContext(locals), actor, params.slug));
	return { campaigns };
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const kind = String((await request.formData()).get('kind') ?? '');
		const res = await formAction(locals, { kind, _form: 'create' }, () =>
			createCampaign(serviceContext(locals), actor, params.slug, { kind })
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/campagnes/${res.result.id}`);
	}
};
