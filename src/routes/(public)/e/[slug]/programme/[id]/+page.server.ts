import { error } from '@sveltejs/kit';
import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { ldScript, sessionJsonLd } from '#lib/server/programme/exports/json-ld.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { readSynthesis } from '#lib/server/reports/synthesis.service.ts';
import { listPublicSessionGroups } from '#lib/server/groups/groups.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	const session = programme.sessions.find((s) => s.id === params.id);
	if (!session) error(404, locals.t('errors.notFound'));
	const ids = new Set(session.speakerIds);
	return {
		event: programme.event,
		session,
		room: programme.rooms.find((r) => r.id === session.roomId) ?? null,
		speakers: programme.speakers.filter((s) => ids.has(s.id)),
		jsonLd: ldScript(sessionJsonLd(programme, session)),
		structured: await readSynthesis(serviceContext(locals).db, session.id),
		groups: await listPublicSessionGroups(serviceContext(locals), session.id)
	};
};
