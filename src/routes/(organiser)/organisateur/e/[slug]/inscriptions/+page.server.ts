import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { cleanFilter, computeStats, listParticipants } from '#lib/server/registrations/participants.service.ts';
import { territoryLabel } from '#lib/server/territory/territory.ts';
import type { PageServerLoad } from './$types';

const SHOWN = 1000;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const filter = cleanFilter(Object.fromEntries(url.searchParams));
	const { loaded, participants } = await loadOr404(locals.t, () => listParticipants(ctx, actor, params.slug, filter));
	const stats = await computeStats(ctx, loaded);
	const titles = new Map(loaded.sessions.map((s) => [s.id, s.title]));
	return {
		filter,
		query: url.searchParams.toString(),
		total: participants.length,
		stats,
		sessions: loaded.sessions.filter((s) => s.requiresRegistration).map((s) => ({ id: s.id, title: s.title })),
		departements: Object.keys(stats.byDepartement),
		participants: participants.slice(0, SHOWN).map((p) => ({
			id: p.id,
			name: `${p.lastName.toLocaleUpperCase('fr')} ${p.firstName}`,
			email: p.email,
			structure: p.structure.name,
			structureType: p.structure.type,
			role: p.role,
			territory: territoryLabel(p.commune, p.departement),
			workshops: p.sessions.map((s) => ({ title: titles.get(s.id) ?? s.id, status: s.status })),
			status: p.status,
			createdAt: p.createdAt,
			arrived: p.checkedIn.length > 0
		}))
	};
};
