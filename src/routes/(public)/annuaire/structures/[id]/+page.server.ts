import { redirect } from '@sveltejs/kit';
import { getStructure } from '#lib/server/directory/structure.service.ts';
import { correctableFields, correctionActions } from '#lib/server/directory/directory.http.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const structure = await loadOr404(locals.t, () => getStructure(serviceContext(locals), params.id));
	// A merged spelling's address leads to the structure it was merged into, for good.
	if (structure.mergedInto) redirect(308, `/annuaire/structures/${encodeURIComponent(structure.mergedInto)}`);
	return { structure, correctionFields: correctableFields('structure') };
};

export const actions: Actions = correctionActions((event) => ({ kind: 'structure', id: event.params.id! }));
