import { getPlace } from '#lib/server/directory/place.service.ts';
import { correctableFields, correctionActions } from '#lib/server/directory/directory.http.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	place: await loadOr404(locals.t, () => getPlace(serviceContext(locals), params.id)),
	correctionFields: correctableFields('place')
});

export const actions: Actions = correctionActions((event) => ({ kind: 'place', id: event.params.id! }));
