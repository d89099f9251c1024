import { error } from '@sveltejs/kit';
import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { programmeToIcal } from '#lib/server/programme/exports/ical.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** One session as an iCalendar file, to add to one's own calendar. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	if (!programme.sessions.some((s) => s.id === params.id)) error(404, locals.t('errors.notFound'));
	const body = programmeToIcal(programme, { host: new URL(locals.app.config.publicUrl).host, sessionIds: [params.id] });
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="session-${params.id.slice(0, 8)}.ics"`,
			'cache-control': programme.event.status === 'draft' ? 'private, no-store' : 'public, max-age=300'
		}
	});
};
