/**
 * The kinds of campaign and their ready French texts, from the field's good practice: the save-the-date
 * 5 months ahead (the seeds' organisers sent it too late), the invitation, the reminder to those
 * invited who have not registered, the practical information, the survey at J+7 and its reminder,
 * the thank-you with the report. Every text is editable; these are only where a campaign starts.
 */
import type { Phase } from '../planning/planning.rules.ts';
import { eventHalfDays } from '../registrations/half-days.ts';

export const CAMPAIGN_KINDS = [
	'save-the-date',
	'invitation',
	'registration-reminder',
	'practical',
	'survey',
	'survey-reminder',
	'thanks',
	'free'
] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;

export interface AudienceInput {
	lists: string[];
	registrations: (typeof REGISTRATION_STATUSES)[number][];
	/**
	 * People checked in at least once; with `attendedHalfDays` or `attendedSessions`, those who came
	 * on one of those half-days or to one of those sessions.
	 */
	attended: boolean;
	attendedHalfDays: string[];
	attendedSessions: string[];
	/** Confirmed registrations never checked in. */
	absent: boolean;
	/** People who came and have not answered the event's survey (`survey_respondent`). */
	surveyNonRespondents: boolean;
	speakers: boolean;
	team: boolean;
	/** Leaves out anyone with a registration that is not cancelled (the reminder to those invited). */
	excludeRegistered: boolean;
}

export const EMPTY_AUDIENCE: AudienceInput = {
	lists: [],
	registrations: [],
	attended: false,
	attendedHalfDays: [],
	attendedSessions: [],
	absent: false,
	surveyNonRespondents: false,
	speakers: false,
	team: false,
	excludeRegistered: false
};

export interface CampaignTemplate {
	name: string;
	subject: string;
	body: string;
	anchor: 'start' | 'end' | 'fixed' | 'manual' | 'report';
	offsetDays: number | null;
	audience: Partial<AudienceInput>;
	phase: Phase;
}

const SIGNATURE = 'À très bientôt,\nL’équipe d’organisation';
/** Where the save-the-date says how long the event lasts; `campaignTemplate` writes it. */
const LENGTH = '{{durée}}';

export const CAMPAIGN_TEMPLATES: Record<CampaignKind, CampaignTemplate> = {
	'save-the-date': {
		name: 'Save the date',
		subject: 'Réservez la date : {evenement}',
		body: `Bonjour {prenom},\n\nNotez-le dès maintenant : {evenement} aura lieu {dates}, à {lieu}.\n\n${LENGTH} pour se rencontrer entre acteurs d’un numérique d’intérêt général, partager des pratiques et repartir avec des idées et des contacts. Le programme et les inscriptions arrivent dans quelques semaines.\n\n${SIGNATURE}`,
		anchor: 'start',
		offsetDays: -150,
		audience: {},
		phase: 'mobilisation'
	},
	invitation: {
		name: 'Invitation',
		subject: 'Vous êtes invité·e : {evenement}',
		body: `Bonjour {prenom},\n\nLes inscriptions à {evenement} sont ouvertes. Rendez-vous {dates}, à {lieu}.\n\nLe programme, les ateliers et l’inscription (gratuite) sont ici : {lien_inscription}\n\n${SIGNATURE}`,
		anchor: 'start',
		offsetDays: -90,
		audience: {},
		phase: 'mobilisation'
	},
	'registration-reminder': {
		name: 'Relance des invitations',
		subject: 'Plus qu’un mois : {evenement}',
		body: `Bonjour {prenom},\n\n{evenement} a lieu dans un mois, {dates}, à {lieu}. Vous n’êtes pas encore inscrit·e : il reste des places.\n\nS’inscrire : {lien_inscription}\n\n${SIGNATURE}`,
		anchor: 'start',
		offsetDays: -30,
		audience: { excludeRegistered: true },
		phase: 'engagement'
	},
	practical: {
		name: 'Informations pratiques',
		subject: 'Informations pratiques : {evenement}',
		body: `Bonjour {prenom},\n\nNous vous attendons {dates}, à {lieu}.\n\nVos ateliers, votre programme et la possibilité d’annuler si vous ne pouvez plus venir sont sur votre page personnelle : {lien_personnel}\n\nPensez à garder votre QR code d’accueil à portée de main.\n\n${SIGNATURE}`,
		anchor: 'start',
		offsetDays: -3,
		audience: { registrations: ['confirmed'] },
		phase: 'production'
	},
	survey: {
		name: 'Questionnaire de satisfaction',
		subject: 'Votre avis sur {evenement}',
		body: `Bonjour {prenom},\n\nMerci d’être venu·e à {evenement}. Cinq minutes pour nous dire ce qui vous a plu et ce qu’il faut améliorer, notamment le temps laissé aux échanges informels : {lien_questionnaire}\n\nVos réponses préparent la prochaine édition.\n\n${SIGNATURE}`,
		anchor: 'end',
		offsetDays: 7,
		audience: { attended: true },
		phase: 'follow-up'
	},
	'survey-reminder': {
		name: 'Relance du questionnaire',
		subject: 'Il est encore temps : votre avis sur {evenement}',
		body: `Bonjour {prenom},\n\nSi vous ne l’avez pas encore fait, le questionnaire sur {evenement} est ouvert quelques jours encore : {lien_questionnaire}\n\nMerci !\n\n${SIGNATURE}`,
		anchor: 'end',
		offsetDays: 14,
		audience: { surveyNonRespondents: true },
		phase: 'follow-up'
	},
	thanks: {
		name: 'Remerciements et bilan',
		subject: 'Merci, et le bilan de {evenement}',
		body: `Bonjour {prenom},\n\nMerci pour votre participation à {evenement}. Le bilan est publié : chiffres, verbatims, productions des ateliers et captations.\n\n{lien_bilan}\n\n${SIGNATURE}`,
		anchor: 'report',
		offsetDays: null,
		audience: { attended: true },
		phase: 'follow-up'
	},
	free: {
		name: 'Message libre',
		subject: '{evenement}',
		body: `Bonjour {prenom},\n\n\n\n${SIGNATURE}`,
		anchor: 'manual',
		offsetDays: null,
		audience: {},
		phase: 'mobilisation'
	}
};

const DAYS = ['Une journée', 'Deux jours', 'Trois jours', 'Quatre jours', 'Cinq jours', 'Six jours', 'Sept jours'];

/** How long the event lasts, as the save-the-date opens its sentence: « Une journée », « Deux jours »… */
export function eventLengthPhrase(startsAt: string, endsAt: string): string {
	const halfDays = eventHalfDays(startsAt, endsAt);
	if (halfDays.length <= 1) return 'Une demi-journée';
	const days = new Set(halfDays.map((h) => h.day)).size;
	return DAYS[days - 1] ?? `${days} jours`;
}

/** The kind's ready text for this event (the save-the-date says the event's length in words). */
export function campaignTemplate(kind: CampaignKind, event: { startsAt: string; endsAt: string }): CampaignTemplate {
	const template = CAMPAIGN_TEMPLATES[kind];
	return template.body.includes(LENGTH)
		? { ...template, body: template.body.replace(LENGTH, eventLengthPhrase(event.startsAt, event.endsAt)) }
		: template;
}
