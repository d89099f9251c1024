import { getPlace } from '#lib/server/directory/place.service.ts';
import { correctableFields, correctionActions } from '#lib/server/directory/directory.http.ts';
import { placeEditorOf } from '#lib/server/directory/membership.service.ts';
import { editPlaceAction } from '#lib/server/directory/membership.http.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	const place = await loadOr404(locals.t, () => getPlace(ctx, params.id));
	return {
		place,
		correctionFields: correctableFields('place'),
		// A member of the place's structure edits it directly (membership.service.ts).
		editor: await placeEditorOf(ctx, locals.actor, params.id)
	};
};

export const actions: Actions = {
	...correctionActions((event) => ({ kind: 'place', id: event.params.id! })),
	modifier: (event) => editPlaceAction(event, event.params.id)
};
