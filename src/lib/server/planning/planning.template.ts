/**
 * What a new event's preparation starts from, built on the organisers' own lessons (see
 * FIELD-NOTES): the label asked for at least 4 months ahead, logistics agreed with the venue
 * 6 months ahead, the save-the-date 5 to 6 months ahead, the printed programme laid out a month
 * ahead, registration confirmations on, the satisfaction survey one week after, the report.
 * Organisers then edit everything. Texts are French: they become the event's own content.
 */
import type { Phase, TaskKind } from './planning.rules.ts';
import type { LOGISTICS_CATEGORIES } from './planning.schema.ts';

export interface TemplateTask {
	key: string;
	kind: TaskKind;
	phase: Phase;
	offsetDays: number;
	title: string;
	notes?: string;
}

export const TASK_TEMPLATE: TemplateTask[] = [
	{
		key: 'themes',
		kind: 'task',
		phase: 'framing',
		offsetDays: -210,
		title: 'Réunir les co-organisateurs et choisir 2 à 4 axes à partir des besoins locaux'
	},
	{
		key: 'date-format-venue',
		kind: 'task',
		phase: 'framing',
		offsetDays: -200,
		title: 'Fixer la date, le format (sur place, en ligne, hybride) et le lieu'
	},
	{ key: 'budget', kind: 'task', phase: 'framing', offsetDays: -190, title: 'Établir le budget prévisionnel et solliciter les financeurs' },
	{
		key: 'venue-requirements',
		kind: 'milestone',
		phase: 'framing',
		offsetDays: -180,
		title: 'Cahier des charges logistique validé avec le lieu d’accueil',
		notes: 'Au plus tard 6 mois avant : salles, accessibilité, électricité, réseau, vidéo, restauration (voir la logistique).'
	},
	{
		key: 'committee',
		kind: 'task',
		phase: 'mobilisation',
		offsetDays: -180,
		title: 'Constituer le comité d’organisation : programmation, communication, régie'
	},
	{
		key: 'save-the-date',
		kind: 'milestone',
		phase: 'mobilisation',
		offsetDays: -165,
		title: 'Envoyer le « save the date »',
		notes: '5 à 6 mois avant l’événement.'
	},
	{
		key: 'local-actors',
		kind: 'task',
		phase: 'mobilisation',
		offsetDays: -160,
		title: 'Contacter les acteurs locaux : médiateurs, conseillers numériques, tiers-lieux, collectivités'
	},
	{
		key: 'label-request',
		kind: 'milestone',
		phase: 'mobilisation',
		offsetDays: -130,
		title: 'Demander le label Numérique en Commun[s] à l’ANCT',
		notes: 'Au moins 4 mois avant l’événement.'
	},
	{
		key: 'workshops-with-speakers',
		kind: 'task',
		phase: 'engagement',
		offsetDays: -150,
		title: 'Construire les ateliers avec les intervenants (formats variés, temps informels)'
	},
	{ key: 'speakers-confirmed', kind: 'milestone', phase: 'engagement', offsetDays: -75, title: 'Intervenants confirmés' },
	{
		key: 'speaker-portraits',
		kind: 'task',
		phase: 'engagement',
		offsetDays: -60,
		title: 'Portraits des intervenants pour la communication'
	},
	{
		key: 'registration-open',
		kind: 'milestone',
		phase: 'production',
		offsetDays: -90,
		title: 'Ouvrir les inscriptions, avec l’e-mail de confirmation d’inscription activé'
	},
	{ key: 'invitations', kind: 'task', phase: 'production', offsetDays: -75, title: 'Envoyer les invitations (élus, partenaires, réseaux)' },
	{ key: 'programme-final', kind: 'milestone', phase: 'production', offsetDays: -45, title: 'Programme définitif' },
	{
		key: 'print-layout',
		kind: 'task',
		phase: 'production',
		offsetDays: -30,
		title: 'Mise en page du programme imprimé',
		notes: 'Environ un mois avant.'
	},
	{ key: 'signage-badges', kind: 'task', phase: 'production', offsetDays: -21, title: 'Commander la signalétique et les badges' },
	{
		key: 'catering-confirm',
		kind: 'task',
		phase: 'production',
		offsetDays: -10,
		title: 'Confirmer la restauration et les régimes alimentaires au traiteur'
	},
	{
		key: 'tech-rehearsal',
		kind: 'task',
		phase: 'production',
		offsetDays: -3,
		title: 'Répétition technique : micros, vidéo, lien visio, captation'
	},
	{ key: 'set-up', kind: 'task', phase: 'day', offsetDays: -1, title: 'Installation : signalétique, accueil, salles' },
	{ key: 'event-day', kind: 'milestone', phase: 'day', offsetDays: 0, title: 'Jour J : accueil et émargement par demi-journée' },
	{
		key: 'satisfaction-survey',
		kind: 'milestone',
		phase: 'follow-up',
		offsetDays: 7,
		title: 'Envoyer le questionnaire de satisfaction',
		notes: 'Une semaine après l’événement.'
	},
	{
		key: 'resources',
		kind: 'task',
		phase: 'follow-up',
		offsetDays: 14,
		title: 'Publier les enregistrements et les ressources des ateliers'
	},
	{ key: 'team-review', kind: 'task', phase: 'follow-up', offsetDays: 21, title: 'Bilan de l’équipe : « à améliorer » et « à garder »' },
	{ key: 'report', kind: 'milestone', phase: 'follow-up', offsetDays: 45, title: 'Publier le bilan et l’envoyer aux financeurs' },
	{
		key: 'financial-report',
		kind: 'task',
		phase: 'follow-up',
		offsetDays: 90,
		title: 'Compte rendu financier (Cerfa 15059) aux financeurs'
	}
];

export interface TemplateLogisticsItem {
	key: string;
	category: (typeof LOGISTICS_CATEGORIES)[number];
	offsetDays: number;
	title: string;
	notes?: string;
}

/** The logistics checklist ("cahier des charges") to agree with the venue. */
export const LOGISTICS_TEMPLATE: TemplateLogisticsItem[] = [
	{
		key: 'venue-agreement',
		category: 'venue',
		offsetDays: -180,
		title: 'Convention avec le lieu d’accueil et ses services (horaires, ménage, sécurité)'
	},
	{ key: 'main-room', category: 'rooms', offsetDays: -180, title: 'Grande scène (plénières)' },
	{ key: 'workshop-rooms', category: 'rooms', offsetDays: -150, title: 'Salles d’ateliers (Espace 1, Espace 2…)' },
	{
		key: 'lounge',
		category: 'rooms',
		offsetDays: -150,
		title: 'Espace d’échanges informels (salon)',
		notes: 'Les participants demandent des moments où l’on ne fait rien.'
	},
	{
		key: 'step-free',
		category: 'accessibility',
		offsetDays: -180,
		title: 'Accès de plain-pied : rampes, ascenseur, toilettes accessibles'
	},
	{ key: 'hearing-loop', category: 'accessibility', offsetDays: -60, title: 'Boucle à induction magnétique' },
	{ key: 'quiet-room', category: 'accessibility', offsetDays: -60, title: 'Salle calme' },
	{ key: 'signage', category: 'signage', offsetDays: -21, title: 'Signalétique : fléchage, plan du lieu, panneaux des salles' },
	{ key: 'power', category: 'power', offsetDays: -30, title: 'Électricité : prises, rallonges et multiprises par salle' },
	{ key: 'wifi', category: 'network', offsetDays: -30, title: 'Réseau : Wi-Fi des participants et des intervenants' },
	{ key: 'video-link', category: 'video', offsetDays: -30, title: 'Lien visio (diffusion, participants à distance)' },
	{ key: 'recording', category: 'video', offsetDays: -30, title: 'Captation et enregistrement des sessions' },
	{ key: 'microphones', category: 'microphones', offsetDays: -14, title: 'Micros et sonorisation (micros main, cravate, pupitre)' },
	{ key: 'catering', category: 'catering', offsetDays: -14, title: 'Restauration : accueil café, déjeuner, pauses' },
	{ key: 'reception-desk', category: 'reception', offsetDays: -7, title: 'Accueil : table, badges, listes d’émargement par demi-journée' }
];
