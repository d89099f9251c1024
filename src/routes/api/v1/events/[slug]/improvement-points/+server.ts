import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getImprovementChecklist } from '#lib/server/reports/next-edition.service.ts';
import type { RequestHandler } from './$types';

/** The previous edition's « à améliorer » points, as on the preparation page. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const list = await getImprovementChecklist(serviceContext(locals), requireActor(locals), params.slug);
		return json(list ?? { previous: null, points: [] });
	});
