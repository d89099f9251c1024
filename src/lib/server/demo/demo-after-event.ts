/**
 * The demo's past edition, filled as an organiser would have left it six weeks after the day:
 * a programme, people registered and checked in, the satisfaction survey answered, a workshop's
 * synthesis, the organisers' review, the report published, a working group continuing a
 * workshop, and participants who joined the event's directory with their needs and offers. So
 * that what comes after the event can be seen in the demo, not only described.
 * Everything goes through the services, as a person would; people and structures are invented.
 */
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { checkIn } from '../checkin/checkin.service.ts';
import { addNote, createGroup, joinGroup } from '../groups/groups.service.ts';
import { addCommitteeMember, addMeeting, addTimeEntry } from '../planning/committee.service.ts';
import { createPost } from '../network/post.service.ts';
import { optInRegistration } from '../network/profile.service.ts';
import { createRoom } from '../programme/room.service.ts';
import { createSession } from '../programme/session.service.ts';
import { createSpeaker } from '../programme/speaker.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { setReportPublished, updateReportSettings, updateReview } from '../reports/report.service.ts';
import { saveSynthesis } from '../reports/synthesis.service.ts';
import { submitSurveyResponse } from '../surveys/survey-response.service.ts';
import { createSurveyFromTemplate } from '../surveys/survey.service.ts';

const PEOPLE: [string, string, string, string, string][] = [
	['Amandine', 'Exemple', 'association', 'mediateur', '23096'],
	['Bruno', 'Démo', 'collectivite', 'elu', '23096'],
	['Chloé', 'Fictive', 'tiers-lieu', 'conseiller-numerique', '23096'],
	['David', 'Illustratif', 'association', 'mediateur', '87085'],
	['Élise', 'Exemple', 'collectivite', 'agent', '23096'],
	['Farid', 'Démo', 'association', 'benevole', '23096'],
	['Gaëlle', 'Fictive', 'collectivite', 'elu', '87085'],
	['Hugo', 'Illustratif', 'tiers-lieu', 'mediateur', '23096'],
	['Inès', 'Démo', 'association', 'conseiller-numerique', '23096'],
	['Jules', 'Exemple', 'collectivite', 'agent', '87085'],
	['Karima', 'Fictive', 'association', 'mediateur', '23096'],
	['Louis', 'Démo', 'tiers-lieu', 'conseiller-numerique', '23096'],
	['Maëlle', 'Illustratif', 'collectivite', 'elu', '23096'],
	['Nathan', 'Exemple', 'association', 'benevole', '87085'],
	['Océane', 'Démo', 'collectivite', 'agent', '23096'],
	['Pierre', 'Fictive', 'association', 'mediateur', '23096']
];

/** What the participants wrote in the survey's two free-text questions: [to keep, to improve]. */
const WORDS: [string, string][] = [
	['Les ateliers en petits groupes, on repart avec des idées concrètes.', 'Plus de temps entre les ateliers pour se parler.'],
	['Rencontrer les autres médiatrices du département.', 'Le repas était trop court pour échanger.'],
	['La table ronde avec les élu·es, rare et précieuse.', 'Annoncer le programme plus tôt.'],
	['Le lieu, accessible et chaleureux.', 'Un plan du lieu à l’accueil.'],
	['Le format d’une journée, facile à caser.', 'Des pauses plus longues, vraiment.'],
	['L’atelier sur l’accès aux droits.', 'Inviter les travailleurs sociaux.']
];

/** Fills the past edition `slug` (one day, `day`, 09:30–17:30) as described above. */
export async function seedPastEdition(ctx: ServiceContext, actor: NonNullable<Actor>, slug: string, day: Date): Promise<void> {
	const d = format(day, 'yyyy-MM-dd');
	const at = (hm: string) => `${d}T${hm}`;
	await seedPreparation(ctx, actor, slug, day);
	const salle = await createRoom(ctx, actor, slug, { name: 'Salle des fêtes', capacity: 120 });
	const atelier = await createRoom(ctx, actor, slug, { name: 'Salle du conseil', capacity: 30 });
	const speaker = (name: string, organisation: string, roleTitle: string) =>
		createSpeaker(ctx, actor, slug, { name, organisation, roleTitle, status: 'confirmed' });
	const rose = await speaker('Rose Exemple', 'Réseau creusois de médiation (fictif)', 'Coordinatrice');
	const yann = await speaker('Yann Démo', 'Maison France services (fictive)', 'Conseiller numérique');
	const session = (input: Record<string, unknown>) => createSession(ctx, actor, slug, { requiresRegistration: false, ...input });
	await session({
		title: 'Ouverture : la médiation numérique en Creuse',
		format: 'plenary',
		startsAt: at('09:30'),
		endsAt: at('10:30'),
		roomId: salle.id,
		speakerIds: [rose.id]
	});
	const workshop = await session({
		title: 'Atelier : l’accès aux droits en ligne, qui accompagne qui ?',
		format: 'workshop',
		startsAt: at('10:45'),
		endsAt: at('12:15'),
		roomId: atelier.id,
		speakerIds: [yann.id]
	});
	await session({
		title: 'Table ronde : élu·es et médiateur·rices, construire ensemble',
		format: 'round-table',
		startsAt: at('14:00'),
		endsAt: at('15:30'),
		roomId: salle.id,
		speakerIds: [rose.id, yann.id]
	});

	const people = [];
	for (const [firstName, lastName, type, role, inseeCode] of PEOPLE) {
		const r = await registerParticipant(
			ctx,
			actor,
			slug,
			{
				firstName,
				lastName,
				email: `${firstName.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}.creuse@demo.maillage.test`,
				structure: { name: `Structure de ${firstName} (fictive)`, type },
				role,
				inseeCode,
				sessionIds: [],
				consents: { terms: true, newsletter: false, photos: false }
			},
			{ source: 'organiser' }
		);
		people.push(r);
	}
	// Thirteen came, three did not: the report counts who came, not who registered.
	const came = people.slice(0, 13);
	for (const [i, p] of came.entries()) {
		await checkIn(ctx, actor, slug, p.id, `${d}:am`);
		if (i % 4 !== 3) await checkIn(ctx, actor, slug, p.id, `${d}:pm`);
	}

	const survey = await createSurveyFromTemplate(ctx, actor, slug);
	const q = (start: string) => survey.questions.find((x) => x.label.startsWith(start))!.id;
	const answeredOn = addDays(day, 8);
	for (const [i, p] of came.slice(0, 10).entries()) {
		const [keep, improve] = WORDS[i % WORDS.length];
		await submitSurveyResponse(
			ctx,
			p.manageToken!,
			slug,
			{
				answers: {
					[q('Dans l’ensemble')]: i % 3 === 0 ? 5 : 4,
					[q('L’organisation')]: 4,
					[q('Le contenu')]: i % 2 === 0 ? 5 : 4,
					[q('Le temps laissé')]: i % 3 === 0 ? 3 : 2,
					[q('Reviendriez-vous')]: i !== 4,
					...(i < WORDS.length ? { [q('Qu’est-ce qu’il faut garder')]: keep, [q('Qu’est-ce qu’il faut améliorer')]: improve } : {})
				}
			},
			answeredOn
		);
	}

	await saveSynthesis(ctx, actor, slug, workshop.id, {
		sections: [
			{ title: 'Prérequis', points: ['Connaître les acteurs de l’accès aux droits du territoire', 'Un poste et une connexion'] },
			{ title: 'Moyens', points: ['Une permanence commune France services – médiathèque', 'Une fiche d’orientation partagée'] },
			{ title: 'Actions', points: ['Cartographier qui accompagne quoi d’ici la prochaine édition'] }
		]
	});
	await updateReview(ctx, actor, slug, {
		toImprove: [
			{ theme: 'logistique', text: 'Allonger la pause déjeuner pour laisser le temps de se rencontrer' },
			{ theme: 'communication', text: 'Envoyer le save the date cinq mois avant, pas deux' },
			{ theme: 'contenu', text: 'Inviter les travailleurs sociaux aux ateliers' }
		],
		toKeep: [
			{ theme: 'contenu', text: 'Des ateliers en petits groupes avec une synthèse écrite' },
			{ theme: 'logistique', text: 'Un lieu de plain-pied au centre du département' }
		]
	});
	await updateReportSettings(ctx, actor, slug, {
		verbatims: [WORDS[0][0], WORDS[1][1], WORDS[2][0]],
		texts: { framing: 'Deuxième édition, portée par le réseau creusois de médiation, fictive comme tout ce qui est ici.' }
	});
	await setReportPublished(ctx, actor, slug, { published: true });

	// The workshop goes on until the next edition, with the people who joined the directory.
	const joined = came.slice(0, 5);
	for (const [i, p] of joined.entries())
		await optInRegistration(ctx, p.id, {
			activity: i % 2 === 0 ? 'Accompagnement aux démarches en ligne' : 'Ateliers numériques en médiathèque',
			needs: i === 1 ? 'Un lieu pour des ateliers le samedi' : '',
			offers: i === 0 ? 'Une fiche d’orientation vers les services de l’accès aux droits' : '',
			themes: ['Accès aux droits']
		});
	const group = await createGroup(ctx, actor, slug, {
		title: 'Qui accompagne qui : la carte de l’accès aux droits',
		purpose: 'Cartographier les lieux et les personnes qui accompagnent les démarches en ligne en Creuse, d’ici la prochaine édition.',
		sessionId: workshop.id,
		nextMeetingAt: `${format(addDays(new Date(), 21), 'yyyy-MM-dd')}T14:00:00+01:00`,
		nextMeetingMinutes: 90,
		nextMeetingPlace: 'Médiathèque de Guéret (fictive), salle 2'
	});
	for (const p of joined.slice(0, 3)) await joinGroup(ctx, p.manageToken!, group.id);
	await addNote(ctx, joined[0].manageToken!, group.id, {
		title: 'Première liste des permanences',
		body: 'Lundi : France services ; mercredi : médiathèque ; vendredi : mairie. À compléter par chacun·e.',
		url: null
	});
	await createPost(
		ctx,
		{ token: joined[1].manageToken! },
		{
			kind: 'need',
			category: 'room',
			title: 'Une salle pour des ateliers le samedi matin',
			description: 'Dix personnes, un vidéoprojecteur, à Guéret ou autour.',
			theme: 'Accès aux droits'
		}
	);
	await createPost(
		ctx,
		{ token: joined[0].manageToken! },
		{
			kind: 'offer',
			category: 'skills',
			title: 'Former à l’orientation vers l’accès aux droits',
			description: 'Une demi-journée pour une équipe de médiation.',
			theme: 'Accès aux droits'
		}
	);
}

/** The committee's seven months of work: two people, the meetings they held, the hours spent. */
async function seedPreparation(ctx: ServiceContext, actor: NonNullable<Actor>, slug: string, day: Date) {
	const before = (days: number) => format(addDays(day, -days), 'yyyy-MM-dd');
	const rose = await addCommitteeMember(ctx, actor, slug, { kind: 'person', name: 'Rose Exemple' });
	const yann = await addCommitteeMember(ctx, actor, slug, { kind: 'person', name: 'Yann Démo' });
	const meetings: [number, string][] = [
		[210, 'Lancement : pourquoi une deuxième édition ?'],
		[150, 'Choix du lieu et des axes'],
		[90, 'Programme et intervenant·es'],
		[14, 'Dernière réunion avant le jour J']
	];
	for (const [days, title] of meetings)
		await addMeeting(ctx, actor, slug, { heldOn: before(days), title, durationMinutes: 90, attendeeIds: [rose.id, yann.id] });
	const hours: [string, string, number, number][] = [
		[rose.id, 'framing', 210, 600],
		[rose.id, 'mobilisation', 120, 900],
		[yann.id, 'production', 90, 1200],
		[yann.id, 'day', 20, 480]
	];
	for (const [memberId, phase, days, minutes] of hours)
		await addTimeEntry(ctx, actor, slug, { memberId, phase, minutes, spentOn: before(days) });
}
