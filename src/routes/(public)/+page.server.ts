import { listPublicEvents } from '#lib/server/events/event.service.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const dep = url.searchParams.get('departement') || undefined;
	const departement = dep && listDepartements().some((d) => d.code === dep) ? dep : undefined;
	const events = await listPublicEvents(serviceContext(locals), { departement });
	return { ...events, departement: departement ?? '', departements: listDepartements().map((d) => ({ code: d.code, name: d.name })) };
};
