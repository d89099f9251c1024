import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { programmeEmbedHtml } from '#lib/server/programme/exports/embed.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The programme for an iframe on the organisers' own websites (any site may frame it). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	return new Response(programmeEmbedHtml(programme, locals.lang), {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
			'cache-control': programme.event.status === 'draft' ? 'private, no-store' : 'public, max-age=300',
			vary: 'Accept-Language, Cookie'
		}
	});
};
