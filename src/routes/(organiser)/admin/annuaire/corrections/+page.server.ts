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
		const id = String((await request.formData()).get('suggestionId') ?? '');
		if (!id) return fail(400, { values: { _form: '' }, errors: { _: locals.t('errors.notFound') } });
		const res = await formAction(locals, { _form: id }, () => run(serviceContext(locals), actor, id));
		return res.ok ? { done: locals.t(done) } : res.failure;
	};

export const actions: Actions = {
	accepter: decide(acceptCorrection, 'directory.corrections.queue.accepted'),
	refuser: decide(refuseCorrection, 'directory.corrections.queue.refused')
};
