/**
 * The report's data, computed from what Maillage holds at every read, in a fixed number of
 * statements (about fifteen, whatever the number of participants or sessions). No permission
 * check here: `report.service.ts` decides who may read it.
 */
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import type { EventRow } from '../events/event.queries.ts';
import { listOrganisersByEvent } from '../events/event.queries.ts';
import { loadBudgetView } from '../budget/budget.service.ts';
import { eventHalfDays, halfDayOf } from '../registrations/half-days.ts';
import { PARTICIPANT_ROLES, PARTICIPANT_STRUCTURE_TYPES } from '../registrations/registration.schema.ts';
import { countSeatCheckins, countSeatsByEvent } from '../registrations/registration.queries.ts';
import { parisDay } from '../../time.ts';
import type { Lang } from '../../i18n/index.ts';
import { addDays, durationLabel, monthsBetween, structureKey } from './report.figures.ts';
import { REPORT_SECTIONS, type PublicReportView, type ReportSection, type ReportView } from './report.schema.ts';
import { loadSatisfaction } from './satisfaction.ts';
import { findFrozenFigures } from '../national/event-figures.queries.ts';
import { listPreviousEditionGroups } from '../groups/follow-up.service.ts';
import {
	countCheckinsPerHalfDay,
	countRegisteredByHalfDay,
	countRegistrationGroups,
	findPreparationFigures,
	findReportRow,
	listAttendedStructures,
	listMeetingDates,
	listMilestoneRows,
	listReportResources,
	listReportSessions,
	listReportSpeakers,
	listSynthesisRows,
	type ReportRow
} from './report.queries.ts';

export interface ReportChoices {
	published: boolean;
	hiddenSections: ReportSection[];
	texts: Partial<Record<ReportSection, string>>;
	showPerSession: boolean;
	verbatims: string[];
	review: ReportView['review'];
	previousEventId: string | null;
	/** The row's version, 0 before it exists: the editor's forms send it back (no lost update). */
	version: number;
}

const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
	try {
		return text ? (JSON.parse(text) as T) : fallback;
	} catch {
		return fallback;
	}
};

export function toChoices(row: ReportRow | undefined): ReportChoices {
	const review = parseJson<ReportView['review']>(row?.review, { toImprove: [], toKeep: [] });
	return {
		published: Number(row?.published ?? 0) === 1,
		hiddenSections: parseJson<string[]>(row?.hidden_sections, []).filter((s): s is ReportSection =>
			(REPORT_SECTIONS as readonly string[]).includes(s)
		),
		texts: parseJson(row?.texts, {}),
		showPerSession: Number(row?.show_per_session ?? 1) === 1,
		verbatims: parseJson<string[]>(row?.verbatims, []),
		review: { toImprove: review.toImprove ?? [], toKeep: review.toKeep ?? [] },
		previousEventId: row?.previous_event_id ?? null,
		version: row ? Number(row.version) : 0
	};
}

/** Participation figures of one event: registered, attended, structures, élu·es, breakdowns. */
async function participationOf(db: DbOrTx, eventId: string) {
	const [groups, structures] = await Promise.all([countRegistrationGroups(db, eventId), listAttendedStructures(db, eventId)]);
	const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
	const byStructureType = zero(PARTICIPANT_STRUCTURE_TYPES);
	const byRole = zero(PARTICIPANT_ROLES);
	const byDepartement: Record<string, number> = {};
	let registered = 0;
	let attended = 0;
	for (const g of groups) {
		if (g.status === 'confirmed') registered += g.n;
		if (!g.came) continue;
		attended += g.n;
		byStructureType[g.structureType] = (byStructureType[g.structureType] ?? 0) + g.n;
		byRole[g.role] = (byRole[g.role] ?? 0) + g.n;
		if (g.departement) byDepartement[g.departement] = (byDepartement[g.departement] ?? 0) + g.n;
	}
	const keys = new Set(structures.map((s) => structureKey(s.structure_name, s.insee_code, s.commune)).filter(Boolean));
	const sortedDeps = Object.fromEntries(Object.entries(byDepartement).sort(([a], [b]) => a.localeCompare(b)));
	return { registered, attended, structures: keys.size, elus: byRole.elu ?? 0, byStructureType, byRole, byDepartement: sortedDeps };
}

/** The whole report of `event` as the API returns it (organisers' version: every section). */
export async function computeReport(db: DbOrTx, event: EventRow, lang: Lang = 'fr'): Promise<ReportView> {
	const id = event.id;
	const [
		organisers,
		reportRow,
		sessions,
		speakers,
		resources,
		syntheses,
		prep,
		milestones,
		meetings,
		budget,
		participation,
		seats,
		seatCheckins,
		checkins,
		satisfaction,
		frozen
	] = await Promise.all([
		listOrganisersByEvent(db, [id]),
		findReportRow(db, id),
		listReportSessions(db, id),
		listReportSpeakers(db, id),
		listReportResources(db, id),
		listSynthesisRows(db, id),
		findPreparationFigures(db, id),
		listMilestoneRows(db, id),
		listMeetingDates(db, id),
		loadBudgetView(db, id),
		participationOf(db, id),
		countSeatsByEvent(db, id),
		countSeatCheckins(db, id),
		countCheckinsPerHalfDay(db, id),
		loadSatisfaction(db, id),
		findFrozenFigures(db, id)
	]);
	const choices = toChoices(reportRow);
	const startsAt = toIso(event.starts_at);
	const endsAt = toIso(event.ends_at);
	const firstDay = parisDay(startsAt);

	// Half-days: those with at least one session; without a programme, every half-day the event covers.
	const allHalfDays = eventHalfDays(startsAt, endsAt).map((h) => h.key);
	const sessionHalfDays = new Set(sessions.map((s) => halfDayOf(toIso(s.starts_at))));
	const halfDays = sessions.length ? allHalfDays.filter((k) => sessionHalfDays.has(k)) : allHalfDays;
	const registeredByHalfDay = await countRegisteredByHalfDay(db, id, allHalfDays);

	// Preparation.
	const created = parisDay(toIso(event.created_at));
	const startedOn = [prep.firstMeeting, prep.firstTime ? prep.firstTime.slice(0, 10) : null, created]
		.filter((d): d is string => !!d)
		.sort()[0];
	const timeline = [
		...milestones.map((m) => ({
			date: m.fixed_date ?? addDays(firstDay, Number(m.offset_days ?? 0)),
			label: m.title,
			kind: 'milestone' as const
		})),
		...meetings.map((m) => ({ date: m.held_on, label: m.title, kind: 'meeting' as const }))
	].sort((a, b) => a.date.localeCompare(b.date));

	// Programme.
	const speakersBy = new Map<string, { name: string; organisation: string }[]>();
	const speakerIds = new Set<string>();
	for (const s of speakers) {
		speakerIds.add(s.id);
		const list = speakersBy.get(s.session_id) ?? [];
		list.push({ name: s.name, organisation: s.organisation });
		speakersBy.set(s.session_id, list);
	}
	const resourcesBy = new Map<string, { title: string; url: string | null }[]>();
	for (const r of resources) {
		const list = resourcesBy.get(r.session_id) ?? [];
		list.push({ title: r.title, url: r.url ?? (r.file_id ? `/e/${event.slug}/programme/fichiers/${r.file_id}` : null) });
		resourcesBy.set(r.session_id, list);
	}
	const synthesisBy = new Map(syntheses.map((s) => [s.session_id, s]));
	const counted = sessions.filter((s) => s.format !== 'break');
	const byFormat: Record<string, number> = {};
	for (const s of counted) byFormat[s.format] = (byFormat[s.format] ?? 0) + 1;

	// Per session: seat holders, and of them those checked in on the session's half-day; a
	// session without seats counts the half-day's registered and arrived people (the rule of
	// registrations/attendance.ts, counted by the database).
	const perSession = counted.map((s) => {
		const key = halfDayOf(toIso(s.starts_at));
		if (Number(s.requires_registration) === 1) {
			const registered = Number(seats.find((r) => r.session_id === s.id && r.status === 'confirmed')?.n ?? 0);
			const attended = seatCheckins.find((c) => c.sessionId === s.id && c.halfDay === key)?.n ?? 0;
			return { id: s.id, title: s.title, registered, attended };
		}
		return { id: s.id, title: s.title, registered: registeredByHalfDay.get(key) ?? 0, attended: checkins.get(key) ?? 0 };
	});

	const funders = new Map<string, { plannedCents: number; actualCents: number }>();
	for (const l of budget.lines)
		if (l.funder) {
			const f = funders.get(l.funder) ?? { plannedCents: 0, actualCents: 0 };
			f.plannedCents += l.plannedCents;
			f.actualCents += l.actualCents;
			funders.set(l.funder, f);
		}

	const previous = choices.previousEventId ? await previousFigures(db, choices.previousEventId) : null;
	const previousGroups = choices.previousEventId ? (await listPreviousEditionGroups(db, id)).groups : [];

	return {
		event: {
			slug: event.slug,
			title: event.title,
			edition: event.edition === null ? null : Number(event.edition),
			startsAt,
			endsAt,
			halfDays: halfDays.length,
			duration: durationLabel(halfDays.length, lang),
			format: event.format,
			themes: parseJson<string[]>(event.themes, []),
			venue: { name: event.venue_name, address: event.venue_address, commune: event.venue_commune },
			organisers: (organisers.get(id) ?? []).map((o) => ({ name: o.name, type: o.type, role: o.role }))
		},
		preparation: {
			startedOn,
			months: monthsBetween(startedOn, firstDay),
			hours: Math.round((prep.minutes / 60) * 10) / 10,
			meetings: prep.meetings,
			people: prep.people,
			timeline
		},
		budget: {
			lines: budget.lines.length,
			chargesCents: budget.totals.chargesPlannedCents,
			produitsCents: budget.totals.produitsPlannedCents,
			chargesActualCents: budget.totals.chargesActualCents,
			produitsActualCents: budget.totals.produitsActualCents,
			balanced: budget.balanced,
			balanceCents: budget.gapCents,
			funders: [...funders].map(([funder, f]) => ({ funder, ...f }))
		},
		programme: {
			sessions: counted.length,
			rooms: new Set(counted.map((s) => s.room_id).filter(Boolean)).size,
			speakers: speakerIds.size,
			byFormat,
			items: counted.map((s) => {
				const syn = synthesisBy.get(s.id);
				return {
					id: s.id,
					title: s.title,
					format: s.format,
					startsAt: toIso(s.starts_at),
					endsAt: toIso(s.ends_at),
					room: s.room_name ?? null,
					description: s.description,
					speakers: speakersBy.get(s.id) ?? [],
					resources: resourcesBy.get(s.id) ?? [],
					recordingUrl: syn?.recording_url ?? null,
					synthesis: parseJson<{ title: string; points: string[] }[]>(syn?.sections, [])
				};
			})
		},
		// Once the retention purge erased the registrations, the block counted just before it.
		participation: frozen?.report_participation
			? (JSON.parse(frozen.report_participation) as ReportView['participation'])
			: {
					...participation,
					perHalfDay: allHalfDays.map((k) => ({ halfDay: k, registered: registeredByHalfDay.get(k) ?? 0, attended: checkins.get(k) ?? 0 })),
					perSession
				},
		satisfaction,
		verbatims: choices.verbatims,
		review: choices.review,
		published: choices.published,
		hiddenSections: choices.hiddenSections,
		texts: choices.texts as Record<string, string>,
		previousEdition: previous,
		previousGroups: previousGroups.map((g) => ({
			title: g.title,
			purpose: g.purpose,
			status: g.status,
			nextStatus: g.nextStatus,
			outputs: g.outputs
		}))
	};
}

async function previousFigures(db: DbOrTx, eventId: string): Promise<ReportView['previousEdition']> {
	const ev = await db.selectFrom('event').select(['id', 'slug', 'title']).where('id', '=', eventId).executeTakeFirst();
	if (!ev) return null;
	const [computed, satisfaction, frozen] = await Promise.all([
		participationOf(db, eventId),
		loadSatisfaction(db, eventId),
		findFrozenFigures(db, eventId)
	]);
	const p = frozen?.report_participation ? (JSON.parse(frozen.report_participation) as ReportView['participation']) : computed;
	return {
		slug: ev.slug,
		title: ev.title,
		figures: {
			registered: p.registered,
			attended: p.attended,
			structures: p.structures,
			elus: p.elus,
			satisfaction: satisfaction?.overall ?? null
		}
	};
}

/**
 * The public version: every section the organisers hid is left out (null, or empty lists), the
 * framing's details with the framing; per-session figures (attendance and ratings) only when
 * chosen; the previous edition's figures only for the sections shown.
 */
export function publicReport(report: ReportView, showPerSession: boolean): PublicReportView {
	const hidden = new Set(report.hiddenSections);
	const shown = (s: ReportSection) => !hidden.has(s);
	const prev = report.previousEdition;
	const participation = shown('participation');
	const satisfaction = shown('satisfaction') && report.satisfaction ? report.satisfaction : null;
	return {
		...report,
		event: shown('framing')
			? report.event
			: {
					...report.event,
					edition: null,
					format: null,
					themes: [],
					venue: null,
					organisers: shown('contacts') ? report.event.organisers : []
				},
		preparation: shown('preparation') ? report.preparation : null,
		budget: shown('budget') ? report.budget : null,
		programme: shown('programme') ? report.programme : null,
		participation: participation ? { ...report.participation, perSession: showPerSession ? report.participation.perSession : [] } : null,
		satisfaction: satisfaction && { ...satisfaction, sessions: showPerSession ? satisfaction.sessions : [] },
		verbatims: shown('verbatims') ? report.verbatims : [],
		review: shown('review') ? report.review : { toImprove: [], toKeep: [] },
		texts: Object.fromEntries(Object.entries(report.texts).filter(([k]) => !hidden.has(k as ReportSection))),
		previousEdition:
			prev && (participation || shown('satisfaction'))
				? {
						...prev,
						figures: {
							registered: participation ? prev.figures.registered : null,
							attended: participation ? prev.figures.attended : null,
							structures: participation ? prev.figures.structures : null,
							elus: participation ? prev.figures.elus : null,
							satisfaction: shown('satisfaction') ? prev.figures.satisfaction : null
						}
					}
				: null
	};
}
