import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { requeueFailedMail } from '#lib/server/admin/outbox-admin.service.ts';
import type { RequestHandler } from './$types';

/** A failed message back in the queue (administrators), as its page's « Renvoyer ». */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await requeueFailedMail(locals.app.handle.db, requireActor(locals), params.id);
		locals.app.kickMail();
		return new Response(null, { status: 204 });
	});
