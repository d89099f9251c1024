import { requireUser } from '#lib/server/route-helpers.ts';
import { loadBoard } from '#lib/server/network/post.actions.ts';
import type { PageServerLoad } from './$types';

// The team reads its event's board; it does not post nor contact anyone from here.
export const load: PageServerLoad = (event) =>
	loadBoard(event, (e) => ({ who: { actor: requireUser(e.locals, e.url) }, slug: e.params.slug!, back: '' }));
