import type { RequestEvent } from '@sveltejs/kit';
import { boardActions, loadBoard } from '#lib/server/network/post.actions.ts';
import type { Actions, PageServerLoad } from './$types';

const resolve = (event: RequestEvent) => {
	const token = event.params.token!;
	return { who: { token }, back: `/inscription/${token}/reseau/besoins` };
};

export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	return { ...(await loadBoard(event, resolve)), token: event.params.token };
};

export const actions: Actions = boardActions(resolve);
