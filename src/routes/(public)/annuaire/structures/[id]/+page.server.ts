import { redirect } from '@sveltejs/kit';
import { getStructure, structureVersion } from '#lib/server/directory/structure.service.ts';
import { correctableFields, correctionActions } from '#lib/server/directory/directory.http.ts';
import { getMembership } from '#lib/server/directory/membership.service.ts';
import { membershipActions } from '#lib/server/directory/membership.http.ts';
import { STRUCTURE_TYPES } from '#lib/server/directory/suggestion.schema.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	const structure = await loadOr404(locals.t, () => getStructure(ctx, params.id));
	// A merged spelling's address leads to the structure it was merged into, for good.
	if (structure.mergedInto) redirect(308, `/annuaire/structures/${encodeURIComponent(structure.mergedInto)}`);
	return {
		structure,
		version: structureVersion(structure),
		structureTypes: STRUCTURE_TYPES,
		signedIn: !!locals.actor,
		membership: await getMembership(ctx, locals.actor, structure.id, structure),
		correctionFields: correctableFields('structure')
	};
};

export const actions: Actions = {
	...correctionActions((event) => ({ kind: 'structure', id: event.params.id! })),
	...membershipActions((event) => event.params.id!)
};
