import { error } from '@sveltejs/kit';
import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { ldScript, speakerJsonLd } from '#lib/server/programme/exports/json-ld.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	const speaker = programme.speakers.find((s) => s.id === params.id);
	if (!speaker) error(404, locals.t('errors.notFound'));
	return {
		event: programme.event,
		speaker,
		sessions: programme.sessions.filter((s) => s.speakerIds.includes(speaker.id)),
		jsonLd: ldScript(speakerJsonLd(programme, speaker))
	};
};
