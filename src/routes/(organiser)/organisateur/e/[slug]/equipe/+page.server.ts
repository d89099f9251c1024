import { changeMemberRole, inviteMember, listTeam, removeMember } from '#lib/server/events/team.service.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import { formAction, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	members: await listTeam(serviceContext(locals), requireUser(locals, url), params.slug)
});

export const actions: Actions = {
	invite: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = { email: String(form.get('email') ?? ''), role: String(form.get('role') ?? '') };
		const res = await formAction(locals, values, () => inviteMember(serviceContext(locals), actor, params.slug, values));
		if (!res.ok) return res.failure;
		locals.app.kickMail();
		return { invited: res.result.email };
	},
	role: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		// `_form` names the row's form, so that its errors and typed role stay on that row.
		const values = {
			_form: 'role',
			userId: String(form.get('userId') ?? ''),
			role: String(form.get('role') ?? ''),
			version: String(form.get('version') ?? '')
		};
		const res = await formAction(locals, values, () =>
			changeMemberRole(serviceContext(locals), actor, params.slug, values.userId, { role: values.role }, readVersion(values.version))
		);
		if (!res.ok) return res.failure;
		return { roleChanged: true };
	},
	remove: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const userId = String((await request.formData()).get('userId') ?? '');
		const res = await formAction(locals, {}, () => removeMember(serviceContext(locals), actor, params.slug, userId));
		if (!res.ok) return res.failure;
		return { removed: true };
	}
};
