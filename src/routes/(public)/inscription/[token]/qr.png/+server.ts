import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getOwnRegistration } from '#lib/server/registrations/registration-own.service.ts';
import { checkinQrPng } from '#lib/server/checkin/checkin.service.ts';
import type { RequestHandler } from './$types';

/** The person's check-in QR code, to show on their phone at the welcome desk. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const own = await loadOr404(locals.t, () => getOwnRegistration(serviceContext(locals), params.token));
	return new Response(new Uint8Array(checkinQrPng(locals.app.config.publicUrl, own.registration.checkinCode)), {
		headers: { 'content-type': 'image/png', 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin' }
	});
};
