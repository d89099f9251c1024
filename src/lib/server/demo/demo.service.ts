import type { DbHandle } from '../db/index.ts';
import { ensureUser } from '../auth/user.service.ts';
import { createEvent, updateEvent } from '../events/event.service.ts';
import { createRoom } from '../programme/room.service.ts';
import { createSpeaker } from '../programme/speaker.service.ts';
import { createSession } from '../programme/session.service.ts';
import { replaceBudget } from '../budget/budget.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { seedPastEdition } from './demo-after-event.ts';
import { seedPlaces } from './demo-directory.ts';
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
 * so that the outbox can be read), a published upcoming event, a past one with everything that
 * comes after the day (see demo-after-event.ts), and a draft. People
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
	await seedProgramme(ctx, actor, upcoming.slug, day(soon), day(addDays(soon, 1)));
	await updateEvent(ctx, actor, upcoming.slug, { status: 'published' });
	await seedBudget(ctx, actor, upcoming.slug);
	await seedRegistrations(ctx, upcoming.slug);
	await handle.db
		.insertInto('event_member')
		.values({ event_id: upcoming.id, user_id: colleague.id, role: 'organiser', created_at: new Date().toISOString() })
		.execute();

	// Six weeks ago: the survey is answered, the report published, the directory still open.
	const past = addDays(today, -45);
	const previous = await createEvent(ctx, actor, {
		title: 'NEC de la Creuse 2026 (démo)',
		edition: 2,
		description: 'Édition passée, fictive : son bilan est publié, son questionnaire rempli, un atelier continue en groupe de travail.',
		themes: ['Médiation numérique', 'Accès aux droits'],
		startsAt: `${day(past)}T09:30`,
		endsAt: `${day(past)}T17:30`,
		format: 'onsite',
		venue: { name: 'Salle des fêtes (fictive)', inseeCode: '23096' },
		organisers: [{ name: 'Réseau creusois de médiation (fictif)', type: 'association', role: 'lead' }],
		label: { status: 'granted', requestedOn: day(addDays(past, -150)) }
	});
	await updateEvent(ctx, actor, previous.slug, { status: 'published' });
	await seedPastEdition(ctx, actor, previous.slug, past);
	await seedPlaces(ctx, actor, today);

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

type Ctx = { db: DbHandle['db']; publicUrl: string };
type DemoActor = { id: string; isAdmin: boolean };

/** Three rooms, four fictional speakers and a two-day programme with time to breathe. */
async function seedProgramme(ctx: Ctx, actor: DemoActor, slug: string, day1: string, day2: string) {
	const scene = await createRoom(ctx, actor, slug, {
		name: 'Grande scène',
		capacity: 200,
		accessibilityNotes: 'Boucle magnétique, accès de plain-pied'
	});
	const e1 = await createRoom(ctx, actor, slug, { name: 'Espace 1', capacity: 40 });
	const e2 = await createRoom(ctx, actor, slug, { name: 'Espace 2', capacity: 30 });
	const speaker = (name: string, organisation: string, roleTitle: string, bio: string) =>
		createSpeaker(ctx, actor, slug, { name, organisation, roleTitle, bio, status: 'confirmed' });
	const awa = await speaker(
		'Awa Exemple',
		'Hub numérique des Monts (fictif)',
		'Coordinatrice',
		'Anime le réseau des conseillers numériques du territoire.'
	);
	const leo = await speaker(
		'Léo Démo',
		'Association Les Fils du Réseau (fictive)',
		'Médiateur numérique',
		'Accompagne les démarches en ligne en tiers-lieu.'
	);
	const ines = await speaker(
		'Inès Fictive',
		'Médiathèque de la Vallée (fictive)',
		'Bibliothécaire',
		'A monté des ateliers numériques en bibliothèque.'
	);
	const marc = await speaker(
		'Marc Illustratif',
		'Communauté de communes Exemple (fictive)',
		'Élu délégué au numérique',
		'Porte la stratégie locale d’inclusion numérique.'
	);
	const at = (d: string, hm: string) => `${d}T${hm}`;
	const session = (input: Record<string, unknown>) => createSession(ctx, actor, slug, input);
	await session({
		title: 'Ouverture : pourquoi un Numérique en Commun[s] ici ?',
		format: 'plenary',
		startsAt: at(day1, '09:30'),
		endsAt: at(day1, '10:30'),
		roomId: scene.id,
		speakerIds: [marc.id, awa.id],
		expectedAttendance: 150
	});
	await session({
		title: 'Pause et accueil des stands',
		format: 'break',
		startsAt: at(day1, '10:30'),
		endsAt: at(day1, '11:00'),
		roomId: scene.id
	});
	await session({
		title: 'Atelier : accompagner les démarches administratives',
		format: 'workshop',
		startsAt: at(day1, '11:00'),
		endsAt: at(day1, '12:30'),
		roomId: e1.id,
		speakerIds: [leo.id],
		expectedAttendance: 30,
		requiresRegistration: true,
		capacity: 30
	});
	await session({
		title: 'Atelier : le numérique en bibliothèque',
		format: 'workshop',
		startsAt: at(day1, '11:00'),
		endsAt: at(day1, '12:30'),
		roomId: e2.id,
		speakerIds: [ines.id],
		expectedAttendance: 25,
		requiresRegistration: true,
		capacity: 25
	});
	await session({
		title: 'Déjeuner et temps informel',
		format: 'social',
		startsAt: at(day1, '12:30'),
		endsAt: at(day1, '14:00'),
		roomId: scene.id
	});
	await session({
		title: 'Table ronde : coopérer entre structures',
		format: 'round-table',
		startsAt: at(day1, '14:15'),
		endsAt: at(day1, '15:45'),
		roomId: scene.id,
		speakerIds: [awa.id, leo.id, ines.id],
		expectedAttendance: 120
	});
	await session({
		title: 'Masterclass : un numérique plus sobre',
		format: 'masterclass',
		startsAt: at(day2, '09:30'),
		endsAt: at(day2, '11:00'),
		roomId: e1.id,
		speakerIds: [awa.id],
		expectedAttendance: 35
	});
	await session({
		title: 'Café et stands des structures',
		format: 'stand',
		startsAt: at(day2, '11:00'),
		endsAt: at(day2, '11:30'),
		roomId: scene.id
	});
	await session({
		title: 'Clôture et suites du réseau',
		format: 'plenary',
		startsAt: at(day2, '16:00'),
		endsAt: at(day2, '17:00'),
		roomId: scene.id,
		speakerIds: [marc.id],
		expectedAttendance: 120
	});
}

/** A balanced budget in the Cerfa layout, on the scale of the field notes' example. */
async function seedBudget(ctx: Ctx, actor: DemoActor, slug: string) {
	const line = (kind: 'charge' | 'produit', account: string, label: string, euros: number) => ({
		kind,
		account,
		label,
		plannedCents: euros * 100,
		actualCents: null
	});
	await replaceBudget(ctx, actor, slug, {
		lines: [
			line('charge', '606', 'Fournitures et petit matériel', 660),
			line('charge', '622', 'Honoraires (animation, captation)', 880),
			line('charge', '623', 'Publicité, impressions', 600),
			line('charge', '625', 'Déplacements, missions et réceptions', 1200),
			line('charge', '641', 'Temps des chargé·es de projet', 9000),
			{ ...line('produit', '74', 'Subvention de fonctionnement (ANCT)', 2500), funder: 'state' },
			line('produit', 'own-funds', 'Fonds propres des co-organisateurs', 9840)
		]
	});
}

/** A few fictional participants, so that the lists, counts and check-in have something to show. */
async function seedRegistrations(ctx: Ctx, slug: string) {
	const people = [
		['Nadia', 'Exemple', 'association', 'mediateur', '87085'],
		['Paul', 'Démo', 'collectivite', 'elu', '23096'],
		['Sofia', 'Fictive', 'tiers-lieu', 'conseiller-numerique', '87085']
	];
	for (const [firstName, lastName, type, role, inseeCode] of people) {
		await registerParticipant(ctx, null, slug, {
			firstName,
			lastName,
			email: `${firstName.toLowerCase()}@demo.maillage.test`,
			structure: { name: `Structure de ${firstName} (fictive)`, type },
			role,
			inseeCode,
			sessionIds: [],
			consents: { terms: true, newsletter: false, photos: false }
		});
	}
}
