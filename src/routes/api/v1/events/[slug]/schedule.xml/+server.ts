import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { programmeToFrab } from '#lib/server/programme/exports/frab.ts';
import { frabToScheduleXml } from '#lib/server/programme/exports/schedule-xml.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The programme as the frab / C3VOC schedule.xml that conference apps and recording pipelines read. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	apiHandler(locals, async () => {
		const programme = await getPublicProgramme(serviceContext(locals), optionalActor(locals), params.slug);
		const xml = frabToScheduleXml(programmeToFrab(programme), `${locals.app.config.publicUrl}${url.pathname}`);
		return new Response(xml, {
			headers: {
				'content-type': 'application/xml; charset=utf-8',
				'cache-control': programme.event.status === 'draft' ? 'private, no-store' : 'public, max-age=300',
				'access-control-allow-origin': '*'
			}
		});
	});
