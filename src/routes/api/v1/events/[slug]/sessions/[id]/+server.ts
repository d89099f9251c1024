import { deleteSession, updateSession } from '#lib/server/programme/session.service.ts';
import { getProgrammeForViewer } from '#lib/server/programme/programme.service.ts';
import { apiHandler, ifMatch, jsonWithEtag, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const p = await getProgrammeForViewer(serviceContext(locals), optionalActor(locals), params.slug, locals.lang);
		const session = p.sessions.find((s) => s.id === params.id);
		if (!session) throw new NotFoundError('session');
		return jsonWithEtag(p.team ? { ...session, warnings: p.conflicts.filter((c) => c.sessionIds.includes(session.id)) } : session);
	});

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		jsonWithEtag(
			await updateSession(
				serviceContext(locals),
				requireActor(locals),
				params.slug,
				params.id,
				await readJson(request, locals.t),
				locals.lang,
				ifMatch(request)
			)
		)
	);

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteSession(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});
