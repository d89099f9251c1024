import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getRegistrationStats } from '#lib/server/registrations/participants.service.ts';
import { getRegistrationSettings } from '#lib/server/registrations/registration-settings.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [stats, s] = await Promise.all([
		loadOr404(locals.t, () => getRegistrationStats(ctx, actor, params.slug)),
		loadOr404(locals.t, () => getRegistrationSettings(ctx, actor, params.slug))
	]);
	const bookable = new Map(s.sessions.filter((x) => x.requiresRegistration).map((x) => [x.id, x]));
	return {
		sessions: stats.sessions
			.filter((x) => bookable.has(x.id))
			.map((x) => ({ ...x, startsAt: bookable.get(x.id)!.startsAt, endsAt: bookable.get(x.id)!.endsAt, room: bookable.get(x.id)!.room }))
	};
};
