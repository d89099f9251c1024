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
	if (url.searchParams.get('fait') === '1' && accepted)
		return { accepted, invitation: null, token: '', signedIn: !!locals.actor, here: '' };
	const token = url.searchParams.get('token') ?? '';
	const invitation = await loadOr404(locals.t, () => getInvitation(serviceContext(locals), token));
	return { accepted: null, invitation, token, signedIn: !!locals.actor, here: url.pathname + url.search };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const token = String((await request.formData()).get('token') ?? '');
		// Signed in, an address that is no registration of the event joins through the account.
		const res = await formAction(locals, {}, () => acceptInvitation(serviceContext(locals), token, new Date(), locals.actor));
		if (!res.ok) return res.failure;
		if (res.result.asAccount) redirect(303, `/reseau/groupes/${encodeURIComponent(res.result.groupId)}?fait=joined`);
		redirect(303, `/groupes/invitation?fait=1&groupe=${encodeURIComponent(res.result.groupTitle)}`);
	}
};
