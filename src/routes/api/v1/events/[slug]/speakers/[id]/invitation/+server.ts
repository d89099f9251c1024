import { json } from '@sveltejs/kit';
import { inviteSpeaker } from '#lib/server/programme/speaker.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Sends (again) the speaker's private link by e-mail; the link itself is only in the e-mail. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const { email } = await inviteSpeaker(serviceContext(locals), requireActor(locals), params.slug, params.id);
		locals.app.kickMail();
		return json({ email }, { status: 202 });
	});
