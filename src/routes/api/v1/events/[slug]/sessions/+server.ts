import { json } from '@sveltejs/kit';
import { createSession } from '#lib/server/programme/session.service.ts';
import { getProgrammeForViewer } from '#lib/server/programme/programme.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const p = await getProgrammeForViewer(serviceContext(locals), optionalActor(locals), params.slug, locals.lang);
		if (!p.team) return json(p.sessions);
		return json(p.sessions.map((s) => ({ ...s, warnings: p.conflicts.filter((c) => c.sessionIds.includes(s.id)) })));
	});

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const session = await createSession(serviceContext(locals), actor, params.slug, await readJson(request, locals.t), locals.lang);
		return json(session, { status: 201, headers: { location: `/api/v1/events/${params.slug}/sessions/${session.id}` } });
	});
