import { redirect } from '@sveltejs/kit';
import { formAction, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { acceptInvitation, getInvitation } from '#lib/server/groups/invitation.service.ts';
import type { Actions, PageServerLoad } from './$types';

// The token in the address is the invitation: never sent to another site (same-origin: a
// no-referrer page would post its form with `Origin: null`, refused as cross-site), never cached. A bad or
// used link is a 404 page.
export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const accepted = url.searchParams.get('groupe');
	if (url.searchParams.get('fait') === '1' && accepted) return { accepted, invitation: null, token: '' };
	const token = url.searchParams.get('token') ?? '';
	const invitation = await loadOr404(locals.t, () => getInvitation(serviceContext(locals), token));
	return { accepted: null, invitation, token };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const token = String((await request.formData()).get('token') ?? '');
		const res = await formAction(locals, {}, () => acceptInvitation(serviceContext(locals), token));
		if (!res.ok) return res.failure;
		redirect(303, `/groupes/invitation?fait=1&groupe=${encodeURIComponent(res.result.groupTitle)}`);
	}
};
