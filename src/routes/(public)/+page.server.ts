import { listPublicEventDepartements, listPublicEvents } from '#lib/server/events/event.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = serviceContext(locals);
	const departements = await listPublicEventDepartements(ctx);
	const asked = url.searchParams.get('departement');
	const departement = departements.find((d) => d.code === asked)?.code;
	const events = await listPublicEvents(ctx, { departement });
	return { ...events, departement: departement ?? '', departements };
};
