import { fail } from '@sveltejs/kit';
import { getTeamProgramme } from '#lib/server/programme/programme.service.ts';
import { createRoom, deleteRoom, moveRoom, updateRoom } from '#lib/server/programme/room.service.ts';
import { readRoomForm, submitForm } from '#lib/server/programme/programme.form.ts';
import { parseProgramme, roomCreateSchema, roomPatchSchema } from '#lib/server/programme/programme.schema.ts';
import { loadOr404, requireUser, serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	return { programme: await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, locals.lang)) };
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const { values, input, issues } = readRoomForm(await request.formData());
		const res = await loadOr404(locals.t, () =>
			submitForm(
				issues,
				(f) => f,
				() => createRoom(serviceContext(locals), actor, params.slug, input),
				async () => parseProgramme(roomCreateSchema, input)
			)
		);
		if (!res.ok) return fail(400, { roomId: 'new', values, errors: translateIssues(res.issues, locals.t) });
		return { created: res.result.name };
	},
	update: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const roomId = String(form.get('roomId') ?? '');
		const { values, input, issues } = readRoomForm(form);
		const res = await loadOr404(locals.t, () =>
			submitForm(
				issues,
				(f) => f,
				() => updateRoom(serviceContext(locals), actor, params.slug, roomId, input, readVersion(values.version)),
				async () => parseProgramme(roomPatchSchema, input)
			)
		);
		if (!res.ok && res.stale !== undefined) return fail(409, { ...staleFailure(locals.t, values, res.stale).data, roomId });
		if (!res.ok) return fail(400, { roomId, values, errors: translateIssues(res.issues, locals.t) });
		return { updated: res.result.name };
	},
	move: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const direction = form.get('direction') === 'up' ? 'up' : 'down';
		await loadOr404(locals.t, () => moveRoom(serviceContext(locals), actor, params.slug, String(form.get('roomId') ?? ''), direction));
		return { moved: true };
	},
	delete: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		await loadOr404(locals.t, async () =>
			deleteRoom(serviceContext(locals), actor, params.slug, String((await request.formData()).get('roomId') ?? ''))
		);
		return { deleted: true };
	}
};
