import { redirect } from '@sveltejs/kit';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { resolveCheckinCode } from '#lib/server/checkin/checkin.service.ts';
import type { RequestHandler } from './$types';

/**
 * What the QR code of a confirmation or a badge opens: the event's check-in screen with this
 * person, for its team (anyone else gets 404). The address stays valid if the event's slug changes.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.actor) redirect(303, `/connexion?next=${encodeURIComponent(url.pathname)}`);
	const slug = await loadOr404(locals.t, () => resolveCheckinCode(serviceContext(locals), locals.actor, params.code));
	redirect(303, `/organisateur/e/${slug}/accueil?code=${encodeURIComponent(params.code.toUpperCase())}`);
};
