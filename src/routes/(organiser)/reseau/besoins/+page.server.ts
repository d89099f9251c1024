import type { RequestEvent } from '@sveltejs/kit';
import { requireUser } from '#lib/server/route-helpers.ts';
import { boardActions, loadBoard } from '#lib/server/network/post.actions.ts';
import type { Actions, PageServerLoad } from './$types';

const resolve = (event: RequestEvent) => ({ who: { actor: requireUser(event.locals, event.url) }, back: '/reseau/besoins' });

export const load: PageServerLoad = (event) => loadBoard(event, resolve);

export const actions: Actions = boardActions(resolve);
