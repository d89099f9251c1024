import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { programmeToIcal } from '#lib/server/programme/exports/ical.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The whole programme, or the sessions named by `?s=…&s=…` (a personal programme), as iCalendar. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	apiHandler(locals, async () => {
		const programme = await getPublicProgramme(serviceContext(locals), optionalActor(locals), params.slug);
		const chosen = url.searchParams.getAll('s').slice(0, 500);
		const personal = chosen.length > 0;
		const body = programmeToIcal(programme, {
			host: new URL(locals.app.config.publicUrl).host,
			sessionIds: personal ? chosen : undefined,
			name: personal ? locals.t('programme.personal.calendarName', { title: programme.event.title }) : undefined
		});
		const filename = personal ? `mon-programme-${params.slug}.ics` : `programme-${params.slug}.ics`;
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `attachment; filename="${filename}"`,
				'cache-control': programme.event.status === 'draft' ? 'private, no-store' : 'public, max-age=300'
			}
		});
	});
