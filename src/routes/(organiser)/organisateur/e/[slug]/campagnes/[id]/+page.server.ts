import { redirect } from '@sveltejs/kit';
import {
	cancelCampaign,
	getCampaign,
	previewCampaign,
	sendCampaignNow,
	sendTestCampaign,
	updateCampaign
} from '#lib/server/campaigns/campaign.service.ts';
import { campaignFormToInput, campaignToFormValues, readCampaignForm } from '#lib/server/campaigns/campaign.form.ts';
import { listContactLists } from '#lib/server/contacts/contact.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { toDatetimeLocal } from '#lib/time.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [detail, preview, lists] = await loadOr404(locals.t, () =>
		Promise.all([
			getCampaign(ctx, actor, params.slug, params.id),
			previewCampaign(ctx, actor, params.slug, params.id),
			listContactLists(ctx, actor, params.slug)
		])
	);
	const c = detail.campaign;
	return {
		campaign: c,
		failures: detail.failures,
		halfDays: detail.choices.halfDays.map((key) => ({ key, label: halfDayLabel(key, locals.lang) })),
		sessions: detail.choices.sessions,
		preview,
		lists: lists.lists,
		values: campaignToFormValues(c, c.schedule.fixedAt ? toDatetimeLocal(c.schedule.fixedAt) : ''),
		notice: url.searchParams.get('ok')
	};
};

const back = (slug: string, id: string, ok: string) => `/organisateur/e/${slug}/campagnes/${id}?ok=${ok}`;

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = readCampaignForm(form);
		const status = form.get('status') === 'scheduled' ? 'scheduled' : 'draft';
		const res = await formAction(locals, { ...values, _form: 'save' }, () =>
			updateCampaign(
				serviceContext(locals),
				actor,
				params.slug,
				params.id,
				campaignFormToInput(values, status),
				readVersion(values.version)
			)
		);
		if (!res.ok) return res.failure;
		redirect(303, back(params.slug, params.id, status === 'scheduled' ? 'scheduled' : 'saved'));
	},
	test: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'test' }, () => sendTestCampaign(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		locals.app.kickMail();
		redirect(303, back(params.slug, params.id, 'test'));
	},
	send: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'send' }, () => sendCampaignNow(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		locals.app.kickMail();
		redirect(303, back(params.slug, params.id, 'sent'));
	},
	cancel: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'cancel' }, () => cancelCampaign(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		redirect(303, back(params.slug, params.id, 'cancelled'));
	}
};
