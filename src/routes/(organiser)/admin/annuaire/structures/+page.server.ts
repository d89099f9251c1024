import { fail } from '@sveltejs/kit';
import { getStructureModeration, mergeStructures, unmergeStructure } from '#lib/server/directory/structure.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	return loadOr404(locals.t, () => getStructureModeration(serviceContext(locals), locals.actor));
};

export const actions: Actions = {
	merge: async ({ locals, request, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = { from: String(form.get('from') ?? ''), into: String(form.get('into') ?? '') };
		const seen = { fromVersion: String(form.get('fromVersion') ?? ''), intoVersion: String(form.get('intoVersion') ?? '') };
		const run = await formAction(locals, values, () => mergeStructures(serviceContext(locals), actor, { ...values, ...seen }));
		return run.ok ? { done: locals.t('directory.structures.moderation.merged') } : run.failure;
	},
	unmerge: async ({ locals, request, url }) => {
		const actor = requireUser(locals, url);
		const from = String((await request.formData()).get('from') ?? '');
		if (!from) return fail(400, { values: {}, errors: { from: locals.t('directory.structures.unknown') } });
		await loadOr404(locals.t, () => unmergeStructure(serviceContext(locals), actor, from));
		return { done: locals.t('directory.structures.moderation.unmerged') };
	}
};
