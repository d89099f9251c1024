import type { DbHandle } from '../db/index.ts';
import { ensureUser } from '../auth/user.service.ts';
import { createEvent, updateEvent } from '../events/event.service.ts';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';

export const DEMO_ORGANISER_EMAIL = 'organisatrice@demo.maillage.test';

/** Whether the database holds no event yet (the demo only fills an empty instance). */
export async function isEmpty(handle: DbHandle): Promise<boolean> {
	const row = await handle.db.selectFrom('event').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * Loads fictional demo data, dated around `today`: an organiser (also an instance administrator,
 * so that the outbox can be read), a published upcoming event, a past one, and a draft. People
 * and structures are invented; communes are real entries of the official list.
 */
export async function seedDemo(handle: DbHandle, publicUrl: string, today: Date = new Date()) {
	const ctx = { db: handle.db, publicUrl };
	const organiser = await ensureUser(handle.db, { email: DEMO_ORGANISER_EMAIL, name: 'Camille Démo', admin: true });
	const colleague = await ensureUser(handle.db, { email: 'collegue@demo.maillage.test', name: 'Sacha Exemple' });
	const actor = { id: organiser.id, isAdmin: true };
	const soon = addDays(today, 150);
	const upcoming = await createEvent(ctx, actor, {
		title: 'Numérique en Commun[s] des Monts du Limousin',
		edition: 3,
		description:
			'Deux jours pour se rencontrer entre actrices et acteurs de la médiation numérique du territoire : ateliers, tables rondes et temps d’échange informels.\n\nÉvénement fictif créé pour la démonstration de Maillage.',
		themes: ['Inclusion numérique', 'Numérique responsable', 'Coopérations territoriales'],
		startsAt: `${day(soon)}T09:00`,
		endsAt: `${day(addDays(soon, 1))}T17:00`,
		format: 'hybrid',
		venue: { name: 'Tiers-lieu La Filature (fictif)', address: '1 place de la Démo', inseeCode: '87085' },
		onlineUrl: 'https://visio.example.org/nec-monts-limousin',
		organisers: [
			{ name: 'Hub numérique des Monts (fictif)', type: 'hub', role: 'lead', siret: '73282932000074' },
			{ name: 'Association Les Fils du Réseau (fictive)', type: 'association', role: 'co-organiser', rna: 'W871000001' },
			{ name: 'Communauté de communes Exemple (fictive)', type: 'collectivite', role: 'funder' }
		],
		label: { status: 'requested', requestedOn: day(addDays(today, -20)) }
	});
	await updateEvent(ctx, actor, upcoming.slug, { status: 'published' });
	await handle.db
		.insertInto('event_member')
		.values({ event_id: upcoming.id, user_id: colleague.id, role: 'organiser', created_at: new Date().toISOString() })
		.execute();

	const past = addDays(today, -200);
	const previous = await createEvent(ctx, actor, {
		title: 'NEC de la Creuse 2026 (démo)',
		edition: 2,
		description: 'Édition passée, fictive, pour montrer la liste des événements passés.',
		themes: ['Médiation numérique', 'Accès aux droits'],
		startsAt: `${day(past)}T09:30`,
		endsAt: `${day(past)}T17:30`,
		format: 'onsite',
		venue: { name: 'Salle des fêtes (fictive)', inseeCode: '23096' },
		organisers: [{ name: 'Réseau creusois de médiation (fictif)', type: 'association', role: 'lead' }],
		label: { status: 'granted', requestedOn: day(addDays(past, -150)) }
	});
	await updateEvent(ctx, actor, previous.slug, { status: 'published' });

	const draft = await createEvent(ctx, actor, {
		title: 'NEC en ligne : les communs numériques (brouillon)',
		description: 'Un brouillon : seule l’équipe le voit.',
		themes: ['Communs numériques', 'Logiciels libres'],
		startsAt: `${day(addDays(today, 90))}T14:00`,
		endsAt: `${day(addDays(today, 90))}T17:00`,
		format: 'online',
		onlineUrl: 'https://visio.example.org/communs'
	});
	return { organiser, events: [upcoming.slug, previous.slug, draft.slug] };
}
