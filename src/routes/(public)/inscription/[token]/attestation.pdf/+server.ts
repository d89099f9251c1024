import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getOwnCertificate } from '#lib/server/reports/certificate.service.ts';
import type { RequestHandler } from './$types';

/** The participant's own certificate of attendance, from their private link; 404 if they never came. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const file = await loadOr404(locals.t, () => getOwnCertificate(serviceContext(locals), params.token, locals.lang));
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store',
			'referrer-policy': 'same-origin'
		}
	});
};
