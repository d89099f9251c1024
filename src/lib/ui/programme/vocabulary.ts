/**
 * The programme's fixed vocabulary (formats, parts, statuses, audiences), pure and client-safe:
 * the server's schemas validate with it and the pages (some of which run in the browser) show it.
 */

/** Session formats, as the API names them; shown in French through `programme.format.*`. */
export const SESSION_FORMATS = ['plenary', 'workshop', 'round-table', 'masterclass', 'demo', 'pitch', 'stand', 'social', 'break'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

/** Length given to a session whose end is left empty (minutes), by format. */
export const FORMAT_DEFAULT_MINUTES: Record<SessionFormat, number> = {
	plenary: 45,
	workshop: 90,
	'round-table': 60,
	masterclass: 60,
	demo: 30,
	pitch: 10,
	stand: 120,
	social: 60,
	break: 30
};

/** Formats that are informal time themselves: what the field notes ask to keep in every day. */
export const INFORMAL_FORMATS: readonly SessionFormat[] = ['social', 'break', 'stand'];

/** A speaker's part in a session: intervenant·e, animateur·rice, modérateur·rice. */
export const SPEAKER_PARTS = ['speaker', 'host', 'moderator'] as const;
export type SpeakerPart = (typeof SPEAKER_PARTS)[number];

export const SPEAKER_STATUSES = ['invited', 'confirmed', 'declined'] as const;
export type SpeakerStatus = (typeof SPEAKER_STATUSES)[number];

export const RESOURCE_KINDS = ['link', 'file', 'video'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * Participant categories a session may be reserved to (empty: open to all): the roles people give
 * when they register (`PARTICIPANT_ROLES` of the registrations area, kept equal by a test), so
 * that a session reserved to coordinators — the national event's "OFF" — can be checked against
 * a registration.
 */
export const AUDIENCE_CATEGORIES = [
	'elu',
	'conseiller-numerique',
	'mediateur-numerique',
	'coordinateur',
	'agent',
	'travailleur-social',
	'benevole',
	'autre'
] as const;
export type AudienceCategory = (typeof AUDIENCE_CATEGORIES)[number];

/** The step of the editor's "earlier / later / longer / shorter" buttons (minutes). */
export const NUDGE_MINUTES = 15;
export const NUDGES = ['earlier', 'later', 'longer', 'shorter', 'room-prev', 'room-next'] as const;
export type Nudge = (typeof NUDGES)[number];

/** "1 h 30", "45 min". */
export function formatDuration(minutes: number): string {
	return minutes >= 60
		? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')}` : ''}`
		: `${minutes} min`;
}
