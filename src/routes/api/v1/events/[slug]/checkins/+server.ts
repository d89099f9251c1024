import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { checkIn, undoCheckIn } from '#lib/server/checkin/checkin.service.ts';
import { checkinInputSchema, parseReportInput } from '#lib/server/reports/report.schema.ts';
import type { RequestHandler } from './$types';

/** `{"registrationId", "halfDay"}`: 201 when checked in now, 200 when already checked in. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const { registrationId, halfDay } = parseReportInput(checkinInputSchema, await readJson(request, locals.t));
		const res = await checkIn(serviceContext(locals), actor, params.slug, registrationId, halfDay);
		return json({ registrationId, halfDay, checkedInAt: res.at, already: res.already }, { status: res.already ? 200 : 201 });
	});

/** The same body: undoes the check-in (204, also when there was none; 404 for a registration of another event). */
export const DELETE: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const { registrationId, halfDay } = parseReportInput(checkinInputSchema, await readJson(request, locals.t));
		await undoCheckIn(serviceContext(locals), actor, params.slug, registrationId, halfDay);
		return new Response(null, { status: 204 });
	});
