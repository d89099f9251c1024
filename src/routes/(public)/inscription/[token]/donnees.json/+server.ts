import { json } from '@sveltejs/kit';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { exportOwnData } from '#lib/server/registrations/registration-own.service.ts';
import type { RequestHandler } from './$types';

/** Everything stored about the person, as a JSON file (RGPD access and portability); audited. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const data = await loadOr404(locals.t, () => exportOwnData(serviceContext(locals), params.token));
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="mes-donnees-inscription.json"',
			'cache-control': 'private, no-store',
			'referrer-policy': 'same-origin'
		}
	});
};
