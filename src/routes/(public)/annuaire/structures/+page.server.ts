import { listStructures } from '#lib/server/directory/structure.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const { items, total } = await loadOr404(locals.t, () => listStructures(serviceContext(locals), { q }));
	return { q, total, items: items.map((s) => ({ id: s.id, name: s.name, type: s.type, commune: s.commune, events: s.events.length })) };
};
