import { createApiToken, listApiTokens, revokeApiToken } from '#lib/server/auth/token.service.ts';
import { formAction, requireUser } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	tokens: await listApiTokens(locals.app.handle.db, requireUser(locals, url))
});

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const values = { name: String((await request.formData()).get('name') ?? '') };
		const res = await formAction(locals, values, () => createApiToken(locals.app.handle.db, actor, values));
		if (!res.ok) return res.failure;
		return { created: { name: res.result.name, token: res.result.token } };
	},
	revoke: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, () => revokeApiToken(locals.app.handle.db, actor, id));
		if (!res.ok) return res.failure;
		return { revoked: true };
	}
};
