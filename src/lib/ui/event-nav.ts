/**
 * The event's menu for its team, grouped by the event's life: prepare, programme, register, the
 * day, afterwards. Every organiser page of an event is one of these links or a page under one of
 * them, so that any screen is at most two clicks away (the menu, then the page's own sub-menu:
 * the retro-planning and the budget are in the preparation's, the registration settings in the
 * registrations'; a link is never twice on a page).
 * Client-safe: the layout draws it and the responsive test walks it.
 */
export const EVENT_PHASES = ['prepare', 'programme', 'register', 'day', 'after'] as const;
export type EventPhase = (typeof EVENT_PHASES)[number];

export interface EventNavLink {
	/** Path under `/organisateur/e/{slug}` ('' for the overview). */
	path: string;
	/** i18n key of the link's text. */
	label: string;
}

export const EVENT_NAV: { phase: EventPhase; links: EventNavLink[] }[] = [
	{
		phase: 'prepare',
		links: [
			{ path: '/modifier', label: 'organiser.edit' },
			{ path: '/equipe', label: 'organiser.team' },
			{ path: '/preparation', label: 'planning.nav.preparation' },
			{ path: '/label', label: 'national.eventNav' }
		]
	},
	{
		phase: 'programme',
		links: [
			{ path: '/programme', label: 'programme.nav' },
			{ path: '/programme/intervenants', label: 'eventNav.speakers' },
			{ path: '/programme/espaces', label: 'eventNav.rooms' }
		]
	},
	{
		phase: 'register',
		links: [
			{ path: '/inscriptions', label: 'registration.nav.label' },
			{ path: '/campagnes', label: 'campaigns.nav' }
		]
	},
	{
		phase: 'day',
		links: [
			{ path: '/accueil', label: 'registration.nav.desk' },
			{ path: '/badges', label: 'registration.nav.badges' },
			{ path: '/emargement', label: 'registration.nav.attendance' }
		]
	},
	{
		phase: 'after',
		links: [
			{ path: '/questionnaire', label: 'surveys.nav' },
			{ path: '/bilan', label: 'reports.nav' },
			{ path: '/reseau', label: 'people.organiser.title' },
			{ path: '/webhooks', label: 'webhooks.nav' }
		]
	}
];

/**
 * Pages that belong to a phase without being in its menu (their own sub-menus lead to them):
 * the longest matching prefix decides.
 */
const EXTRA_PREFIXES: [string, EventPhase][] = [
	['/retroplanning', 'prepare'],
	['/budget', 'prepare'],
	['/comite', 'prepare'],
	['/logistique', 'prepare'],
	['/accueil', 'day'],
	['/inscriptions/ateliers', 'register'],
	['/emargement', 'day'],
	['/badges', 'day']
];

/** The phase a page (its path under the event's base) belongs to, or null for the overview. */
export function phaseOf(subPath: string): EventPhase | null {
	let best: { len: number; phase: EventPhase } | null = null;
	const consider = (prefix: string, phase: EventPhase) => {
		if ((subPath === prefix || subPath.startsWith(`${prefix}/`)) && (!best || prefix.length > best.len))
			best = { len: prefix.length, phase };
	};
	for (const g of EVENT_NAV) for (const l of g.links) consider(l.path, g.phase);
	for (const [prefix, phase] of EXTRA_PREFIXES) consider(prefix, phase);
	return (best as { phase: EventPhase } | null)?.phase ?? null;
}

/** The menu link a page falls under (longest prefix), to mark it as the current one. */
export function currentLink(subPath: string): string | null {
	let best: string | null = null;
	for (const g of EVENT_NAV)
		for (const l of g.links)
			if ((subPath === l.path || subPath.startsWith(`${l.path}/`)) && (best === null || l.path.length > best.length)) best = l.path;
	return best;
}
