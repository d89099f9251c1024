import { fail, type RequestEvent } from '@sveltejs/kit';
import { acceptCorrection, listCorrectionQueue, refuseCorrection } from '#lib/server/directory/suggestion.service.ts';
import { formAction, requireUser, serviceContext, loadOr404 } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	return loadOr404(locals.t, async () => ({ queue: await listCorrectionQueue(serviceContext(locals), locals.actor) }));
};

// Each row is its own form: a refusal to apply (the reason) comes back under that row (`_form`).
const decide =
	(run: typeof acceptCorrection, done: string) =>
	async ({ locals, request, url }: RequestEvent) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const id = String(form.get('suggestionId') ?? '');
		// The version of the place or structure as the queue showed it: accepting never applies over a change made since.
		const seen = String(form.get('version') ?? '') || undefined;
		if (!id) return fail(400, { values: { _form: '' }, errors: { _: locals.t('errors.notFound') } });
		const res = await formAction(locals, { _form: id }, () => run(serviceContext(locals), actor, id, new Date(), seen));
		return res.ok ? { done: locals.t(done) } : res.failure;
	};

export const actions: Actions = {
	accepter: decide(acceptCorrection, 'directory.corrections.queue.accepted'),
	refuser: decide(refuseCorrection, 'directory.corrections.queue.refused')
};
