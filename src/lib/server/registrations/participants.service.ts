/**
 * Organisers' side of registration: the participant list with its filters and counts, per-session
 * lists and waiting lists, exports (CSV, XLSX) and reads through the API written to the audit log,
 * and the import of a contact list. Everything here needs a role in the event (`view`; `edit` to import).
 */
import { parse } from 'csv-parse/sync';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { NotFoundError, ValidationError, ConflictError, type FieldIssue } from '../validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { resolveCommune } from '../events/event.form.ts';
import { countCheckedInPeople } from '../checkin/checkin.queries.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { formatDay, formatTime } from '../../time.ts';
import { halfDayLabel } from './half-days.ts';
import { tableFile as table, type ExportFile, type ExportFormat } from './export-file.ts';
import type { CsvOptions } from '../csv.ts';
import { loadRegistrationEvent, type LoadedEvent } from './registration-event.ts';
import { searchRegistrationRows } from './participant-search.ts';
import {
	countConfirmedBy,
	countConfirmedRegistrations,
	countEventWaiters,
	countSeatCheckins,
	countSeatsByEvent,
	findRegistrationById,
	findVenueDepartement,
	listConfirmedStructureNames,
	listMealRows,
	listSessionSeatRows,
	type RegistrationFilter
} from './registration.queries.ts';
import { foldChoice, PARTICIPANT_ROLES, PARTICIPANT_STRUCTURE_TYPES, REGISTRATION_STATUSES, SEAT_STATUSES } from './registration.schema.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { withDetails, type ParticipantView } from './registration-views.ts';

/** Only known values reach the queries; anything else is ignored (an empty filter). */
export function cleanFilter(raw: Record<string, string | null | undefined>): RegistrationFilter {
	const pick = (v: string | null | undefined, allowed: readonly string[]) => (v && allowed.includes(v) ? v : undefined);
	return {
		status: pick(raw.status, REGISTRATION_STATUSES),
		structureType: pick(raw.structureType, PARTICIPANT_STRUCTURE_TYPES),
		role: pick(raw.role, PARTICIPANT_ROLES),
		departement: raw.departement && /^[0-9][0-9AB]?[0-9]?$/i.test(raw.departement) ? raw.departement.toUpperCase() : undefined,
		sessionId: raw.sessionId && raw.sessionId.length <= 64 ? raw.sessionId : undefined,
		seatStatus: pick(raw.seatStatus, SEAT_STATUSES),
		q: raw.q?.trim() ? raw.q.trim().slice(0, 100) : undefined
	};
}

async function loadForTeam(ctx: RegistrationContext, actor: Actor, slug: string, action: 'view' | 'edit' = 'view') {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	const role = await assertEventPermission(ctx.db, loaded.event.id, actor, action);
	return { loaded, role };
}

/** The participants matching the filter (cancelled ones only when asked for), with details. */
export async function listParticipants(ctx: RegistrationContext, actor: Actor, slug: string, filter: RegistrationFilter = {}) {
	const { loaded, role } = await loadForTeam(ctx, actor, slug);
	const rows = await searchRegistrationRows(ctx.db, loaded.event.id, filter);
	return { loaded, role, participants: await withDetails(ctx.db, rows) };
}

/** `GET /api/v1/events/{slug}/registrations`: the list, written to the audit log. */
export async function listParticipantsForApi(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	filter: RegistrationFilter = {}
): Promise<ParticipantView[]> {
	const { loaded, participants } = await listParticipants(ctx, actor, slug, filter);
	await recordAudit(ctx.db, {
		actor,
		event: { id: loaded.event.id, title: loaded.event.title },
		action: 'participants.list-api',
		subject: 'GET /registrations',
		details: { rows: participants.length, filter }
	});
	return participants;
}

/** Folded structure name: "Ville de Limoges" and "ville de  LIMOGES" are one structure. */
function foldStructure(name: string): string {
	return foldChoice(name);
}

export interface RegistrationStats {
	participants: number;
	structures: number;
	elus: number;
	waitlisted: number;
	checkedIn: number;
	byStructureType: Record<string, number>;
	byRole: Record<string, number>;
	byDepartement: Record<string, number>;
	sessions: { id: string; title: string; capacity: number | null; confirmed: number; waitlisted: number; checkedIn: number }[];
}

/** The figures organisers report: confirmed participants, distinct structures, élu·es, by type, role, département and session. */
export async function getRegistrationStats(ctx: RegistrationContext, actor: Actor, slug: string): Promise<RegistrationStats> {
	const { loaded } = await loadForTeam(ctx, actor, slug);
	return computeStats(ctx, loaded);
}

export async function computeStats(ctx: RegistrationContext, loaded: LoadedEvent): Promise<RegistrationStats> {
	const id = loaded.event.id;
	const [participants, waitlisted, byType, byRole, byDep, names, seats, seatCheckins, checkedIn] = await Promise.all([
		countConfirmedRegistrations(ctx.db, id),
		countEventWaiters(ctx.db, id),
		countConfirmedBy(ctx.db, id, 'structure_type'),
		countConfirmedBy(ctx.db, id, 'role'),
		countConfirmedBy(ctx.db, id, 'departement'),
		listConfirmedStructureNames(ctx.db, id),
		countSeatsByEvent(ctx.db, id),
		countSeatCheckins(ctx.db, id),
		countCheckedInPeople(ctx.db, id)
	]);
	const full = (keys: readonly string[], counts: Map<string, number>) => Object.fromEntries(keys.map((k) => [k, counts.get(k) ?? 0]));
	const byDepartement = Object.fromEntries([...byDep].filter(([k]) => k !== '').sort(([a], [b]) => a.localeCompare(b)));
	return {
		participants,
		structures: new Set(names.map(foldStructure).filter(Boolean)).size,
		elus: byRole.get('elu') ?? 0,
		waitlisted,
		checkedIn,
		byStructureType: full(PARTICIPANT_STRUCTURE_TYPES, byType),
		byRole: full(PARTICIPANT_ROLES, byRole),
		byDepartement,
		sessions: loaded.sessions.map((s) => ({
			id: s.id,
			title: s.title,
			capacity: s.capacity,
			confirmed: Number(seats.find((r) => r.session_id === s.id && r.status === 'confirmed')?.n ?? 0),
			waitlisted: Number(seats.find((r) => r.session_id === s.id && r.status === 'waitlisted')?.n ?? 0),
			checkedIn: seatCheckins.find((c) => c.sessionId === s.id && c.halfDay === s.halfDay)?.n ?? 0
		}))
	};
}

/** One session's list: confirmed seats by name, then its waiting list in order. */
export async function getSessionList(ctx: RegistrationContext, actor: Actor, slug: string, sessionId: string) {
	const { loaded } = await loadForTeam(ctx, actor, slug);
	const session = loaded.sessions.find((s) => s.id === sessionId);
	if (!session) throw new NotFoundError('session');
	const rows = await listSessionSeatRows(ctx.db, sessionId);
	const person = (r: (typeof rows)[number]) => ({
		id: r.id,
		firstName: r.first_name,
		lastName: r.last_name,
		structure: r.structure_name,
		email: r.email
	});
	const confirmed = rows
		.filter((r) => r.status === 'confirmed')
		.map(person)
		.sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
	const waitlist = rows
		.filter((r) => r.status === 'waitlisted')
		.map((r, i) => ({ ...person(r), position: i + 1, eventWaitlisted: r.registration_status === 'waitlisted' }));
	return { loaded, session, confirmed, waitlist };
}

// ---------------------------------------------------------------------------------------------
// Exports

function participantRows(loaded: LoadedEvent, participants: ParticipantView[], lang: Lang): { headers: string[]; rows: unknown[][] } {
	const t = translator(lang);
	const titles = new Map(loaded.sessions.map((s) => [s.id, s.title]));
	const yes = (b: boolean) => t(b ? 'participants.yes' : 'participants.no');
	const headers = [
		'status',
		'lastName',
		'firstName',
		'email',
		'structure',
		'structureType',
		'role',
		'commune',
		'inseeCode',
		'departement',
		'halfDays',
		'workshops',
		'waitlists',
		'accessibility',
		'accessibilityDetails',
		'meal',
		'diets',
		'dietDetails',
		'newsletter',
		'photos',
		'source',
		'registeredAt',
		'arrivals'
	].map((h) => t(`participants.columns.${h}`));
	for (const q of loaded.questions) headers.push(q.label);
	const rows = participants.map((p) => [
		t(`participants.status.${p.status}`),
		p.lastName,
		p.firstName,
		p.email ?? '',
		p.structure.name,
		t(`participants.structureType.${p.structure.type}`),
		t(`participants.role.${p.role}`),
		p.commune ?? '',
		p.inseeCode ?? '',
		p.departement ?? '',
		p.halfDays.map((h) => halfDayLabel(h, lang)).join(' ; '),
		p.sessions
			.filter((s) => s.status === 'confirmed')
			.map((s) => titles.get(s.id) ?? s.id)
			.join(' ; '),
		p.sessions
			.filter((s) => s.status === 'waitlisted')
			.map((s) => titles.get(s.id) ?? s.id)
			.join(' ; '),
		p.accessibility.needs.map((n) => t(`participants.accessibility.${n}`)).join(' ; '),
		p.accessibility.details,
		yes(p.meal),
		p.diets.map((d) => t(`participants.diet.${d}`)).join(' ; '),
		p.dietDetails,
		yes(p.consents.newsletter),
		yes(p.consents.photos),
		t(`participants.source.${p.source}`),
		`${formatDay(p.createdAt, lang)} ${formatTime(p.createdAt, lang)}`,
		p.checkedIn.map((c) => `${halfDayLabel(c.halfDay, lang)} ${formatTime(c.at, lang)}`).join(' ; '),
		...loaded.questions.map((q) => {
			const v = p.answers[q.id];
			if (v === undefined) return '';
			if (typeof v === 'boolean') return yes(v);
			return Array.isArray(v) ? v.join(' ; ') : String(v);
		})
	]);
	return { headers, rows };
}

/** The participant list as CSV or XLSX, with the filters of the screen; written to the audit log. */
export async function exportParticipants(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	filter: RegistrationFilter,
	format: ExportFormat,
	lang: Lang = 'fr',
	csv?: CsvOptions
): Promise<ExportFile> {
	const { loaded, participants } = await listParticipants(ctx, actor, slug, filter);
	const { headers, rows } = participantRows(loaded, participants, lang);
	const file = await table(format, translator(lang)('participants.title'), headers, rows, `participants-${loaded.event.slug}`, csv);
	await recordAudit(ctx.db, {
		actor,
		event: { id: loaded.event.id, title: loaded.event.title },
		action: 'participants.export',
		subject: file.filename,
		details: { format, rows: rows.length, filter }
	});
	return file;
}

/** One session's list (confirmed, then the waiting list in order) as CSV or XLSX; audited. */
export async function exportSessionList(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	sessionId: string,
	format: ExportFormat,
	lang: Lang = 'fr',
	csv?: CsvOptions
): Promise<ExportFile> {
	const { loaded, session, confirmed, waitlist } = await getSessionList(ctx, actor, slug, sessionId);
	const t = translator(lang);
	const headers = ['seat', 'position', 'lastName', 'firstName', 'structure', 'email'].map((h) => t(`participants.columns.${h}`));
	const rows = [
		...confirmed.map((p) => [t('participants.seat.confirmed'), '', p.lastName, p.firstName, p.structure, p.email ?? '']),
		...waitlist.map((p) => [t('participants.seat.waitlisted'), p.position, p.lastName, p.firstName, p.structure, p.email ?? ''])
	];
	const file = await table(
		format,
		session.title,
		headers,
		rows,
		`atelier-${loaded.event.slug}-${foldChoice(session.title).slice(0, 40) || session.id}`,
		csv
	);
	await recordAudit(ctx.db, {
		actor,
		event: { id: loaded.event.id, title: loaded.event.title },
		action: 'session-list.export',
		subject: file.filename,
		details: { format, rows: rows.length, session: session.title }
	});
	return file;
}

// ---------------------------------------------------------------------------------------------
// Import of a contact list

const HEADER_ALIASES: Record<string, string[]> = {
	firstName: ['prenom', 'first-name', 'firstname', 'prenoms', 'given-name'],
	lastName: ['nom', 'last-name', 'lastname', 'nom-de-famille', 'family-name', 'surname'],
	email: ['e-mail', 'email', 'courriel', 'adresse-e-mail', 'adresse-mail', 'mail', 'adresse-electronique'],
	structure: ['structure', 'organisation', 'organisme', 'nom-de-la-structure', 'etablissement', 'organization'],
	structureType: ['type-de-structure', 'type', 'type-structure', 'structure-type'],
	role: ['role', 'fonction', 'profil', 'statut'],
	commune: ['commune', 'ville', 'code-insee', 'insee', 'city'],
	departement: ['departement', 'dept', 'dep', 'code-departement']
};

export interface ImportReport {
	lines: number;
	created: number;
	waitlisted: number;
	existing: number;
	errors: { line: number; name: string; messages: string[] }[];
}

/**
 * Registers the people of a CSV contact list (header row; `,` or `;`; columns recognised by
 * their French or English names: prénom, nom, e-mail, structure, type, rôle, commune,
 * département). Each line is registered on its own like a manual add; lines with problems are
 * skipped and reported with French messages. At most 5,000 lines. Written to the audit log.
 */
export async function importParticipants(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	csvText: string,
	options: { sendConfirmation: boolean; lang?: Lang }
): Promise<ImportReport> {
	const { loaded } = await loadForTeam(ctx, actor, slug, 'edit');
	const t = translator(options.lang ?? 'fr');
	let records: string[][];
	try {
		records = parse(csvText.replace(/^\uFEFF/, ''), {
			delimiter: [';', ',', '\t'],
			skip_empty_lines: true,
			relax_column_count: true,
			trim: true
		}) as string[][];
	} catch {
		throw new ValidationError([{ field: 'file', message: 'participants.import.unreadable' }]);
	}
	if (records.length < 2) throw new ValidationError([{ field: 'file', message: 'participants.import.empty' }]);
	if (records.length > 5001) throw new ValidationError([{ field: 'file', message: 'participants.import.tooMany' }]);
	const header = records[0].map((h) => foldChoice(h));
	const column: Record<string, number> = {};
	for (const [key, aliases] of Object.entries(HEADER_ALIASES)) {
		const i = header.findIndex((h) => aliases.includes(h));
		if (i >= 0) column[key] = i;
	}
	const missing = ['firstName', 'lastName', 'email'].filter((k) => column[k] === undefined);
	if (missing.length) throw new ValidationError([{ field: 'file', message: 'participants.import.missingColumns' }]);
	const report: ImportReport = { lines: records.length - 1, created: 0, waitlisted: 0, existing: 0, errors: [] };
	for (const [i, rec] of records.slice(1).entries()) {
		const cell = (k: string) => (column[k] === undefined ? '' : (rec[column[k]] ?? '').trim());
		const communeText = cell('commune');
		const commune = communeText ? resolveCommune(communeText) : { inseeCode: null };
		const input = {
			firstName: cell('firstName'),
			lastName: cell('lastName'),
			email: cell('email'),
			structure: { name: cell('structure') || '—', type: cell('structureType') || 'autre' },
			role: cell('role') || 'autre',
			inseeCode: commune.inseeCode ?? undefined,
			departement: cell('departement') || undefined
		};
		const name = `${input.firstName} ${input.lastName}`.trim();
		const line = i + 2;
		try {
			const issues: FieldIssue[] = 'issue' in commune && commune.issue ? [commune.issue] : [];
			if (issues.length) throw new ValidationError(issues);
			// A contact list rarely says where people come from: the venue's département stands in.
			if (!input.inseeCode && !input.departement) input.departement = await venueDepartement(ctx, loaded);
			const res = await registerParticipant(ctx, actor, slug, input, {
				source: 'import',
				sendConfirmation: options.sendConfirmation
			});
			if (!res.created) report.existing++;
			else if (res.status === 'waitlisted') report.waitlisted++;
			else report.created++;
		} catch (e) {
			if (e instanceof ValidationError || e instanceof ConflictError) {
				report.errors.push({
					line,
					name,
					messages: e.issues.map(
						(iss) =>
							`${t(`participants.import.field.${iss.field.split('.')[0]}`, { defaultValue: iss.field })} : ${t(iss.message, iss.params)}`
					)
				});
			} else throw e;
		}
	}
	await recordAudit(ctx.db, {
		actor,
		event: { id: loaded.event.id, title: loaded.event.title },
		action: 'participants.import',
		subject: `${report.lines} lignes`,
		details: { created: report.created, waitlisted: report.waitlisted, existing: report.existing, errors: report.errors.length }
	});
	return report;
}

async function venueDepartement(ctx: RegistrationContext, loaded: LoadedEvent): Promise<string | undefined> {
	return (await findVenueDepartement(ctx.db, loaded.event.id)) ?? undefined;
}

async function loadParticipant(ctx: RegistrationContext, actor: Actor, registrationId: string) {
	const row = await findRegistrationById(ctx.db, registrationId);
	if (!row) throw new NotFoundError('registration');
	await assertEventPermission(ctx.db, row.event_id, actor, 'view');
	const loaded = await loadRegistrationEvent(ctx.db, { id: row.event_id });
	const [view] = await withDetails(ctx.db, [row]);
	const titles = new Map(loaded.sessions.map((s) => [s.id, s.title]));
	const participant = {
		...view,
		eventSlug: loaded.event.slug,
		seats: view.sessions.map((s) => ({ ...s, title: titles.get(s.id) ?? s.id })),
		labelledAnswers: loaded.questions.map((q) => ({ label: q.label, value: view.answers[q.id] }))
	};
	return { loaded, participant };
}

/** One registration with its details, for its event's team; NotFoundError for anyone else. */
export async function getParticipant(ctx: RegistrationContext, actor: Actor, registrationId: string) {
	return (await loadParticipant(ctx, actor, registrationId)).participant;
}

/** `GET /api/v1/registrations/{id}` with a team member's token: `getParticipant`, written to the audit log. */
export async function getParticipantForApi(ctx: RegistrationContext, actor: Actor, registrationId: string) {
	const { loaded, participant } = await loadParticipant(ctx, actor, registrationId);
	await recordAudit(ctx.db, {
		actor,
		event: { id: loaded.event.id, title: loaded.event.title },
		action: 'registration.read-api',
		subject: participant.id,
		details: { status: participant.status }
	});
	return participant;
}

/**
 * What the caterer needs, for the logistics checklist (`DietaryCounts` of planning/logistics):
 * `participants` is the number of lunches (confirmed people who lunch on site), `diets` counts
 * each diet ticked, `notes` the allergies and details typed (the team sees them anyway).
 */
export async function getCateringCounts(ctx: RegistrationContext, actor: Actor, slug: string) {
	const { loaded } = await loadForTeam(ctx, actor, slug);
	const rows = await listMealRows(ctx.db, loaded.event.id);
	const diets: Record<string, number> = {};
	for (const r of rows) for (const d of JSON.parse(r.diets) as string[]) diets[d] = (diets[d] ?? 0) + 1;
	return { participants: rows.length, diets, notes: rows.map((r) => r.diet_details).filter((n) => n.trim() !== '') };
}
