import { fail } from '@sveltejs/kit';
import { assertDirectoryModerator, importPlacesCsv, importPlacesJson } from '#lib/server/directory/place.service.ts';
import { formAction, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => loadOr404(locals.t, async () => assertDirectoryModerator(locals.actor));

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { values: {}, errors: { file: locals.t('directory.importNoFile') } });
		const bytes = new Uint8Array(await file.arrayBuffer());
		// The schema's JSON form by its name or type, else its CSV.
		const asJson = /\.json$/i.test(file.name) || file.type === 'application/json';
		const importer = asJson ? importPlacesJson : importPlacesCsv;
		const run = await formAction(locals, {}, () => importer(serviceContext(locals), locals.actor, bytes, locals.t));
		return run.ok ? { result: run.result } : run.failure;
	}
};
