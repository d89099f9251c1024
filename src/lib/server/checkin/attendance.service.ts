/**
 * Attendance documents: sheets to sign per half-day and per session, badges, and the digital
 * attendance record (arrival time per half-day). Each download of names is written to the audit
 * log. Organisers of the event only (`view`).
 */
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { NotFoundError } from '../validation.ts';
import { toIso } from '../db/time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { formatTime } from '../../time.ts';
import { halfDayLabel, halfDaySlug } from '../registrations/half-days.ts';
import { checkinUrl } from '../registrations/registration-mail.ts';
import { loadRegistrationEvent, type LoadedEvent } from '../registrations/registration-event.ts';
import { listRegistrationRows, listSessionSeatRows, type RegistrationRow } from '../registrations/registration.queries.ts';
import { listSpeakersBySession } from '../registrations/registration-event.queries.ts';
import { foldChoice } from '../registrations/registration.schema.ts';
import { tableFile, type ExportFile, type ExportFormat } from '../registrations/export-file.ts';
import type { CsvOptions } from '../csv.ts';
import type { RegistrationContext } from '../registrations/registration.service.ts';
import { countCheckinsByHalfDay, countExpected, listCheckinsByRegistration } from './checkin.queries.ts';
import { attendanceSheetPdf, badgesPdf, byName, type AttendanceSheet } from './pdf.ts';

async function loadForTeam(ctx: RegistrationContext, actor: Actor, slug: string) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'view');
	return loaded;
}

/** The émargement page: each half-day (expected, arrived) and each session (seats taken). */
export async function listAttendanceDocuments(ctx: RegistrationContext, actor: Actor, slug: string, lang: Lang) {
	const loaded = await loadForTeam(ctx, actor, slug);
	const arrived = await countCheckinsByHalfDay(ctx.db, loaded.event.id);
	const halfDays = await Promise.all(
		loaded.halfDays.map(async (h) => ({
			key: h.key,
			slug: halfDaySlug(h.key),
			label: halfDayLabel(h.key, lang),
			expected: await countExpected(ctx.db, loaded.event.id, h.key),
			arrived: arrived.get(h.key) ?? 0
		}))
	);
	return { event: loaded.event, halfDays, sessions: loaded.sessions };
}

/** Formats that are pauses, not sessions one signs in for: lunch, breaks, the stands. */
const INFORMAL = new Set(['social', 'break', 'stand']);

/**
 * The hours printed on a half-day's sheet: from the first to the last session held in it, the
 * informal ones left out (a morning is not "9 h 30 – 14 h 00" because lunch is in it); the
 * half-day's own bounds when it holds no session.
 */
export function halfDayHours(
	sessions: { format: string; startsAt: string; endsAt: string }[],
	h: { startsAt: string; endsAt: string }
): { start: string; end: string } {
	const held = sessions.filter((s) => !INFORMAL.has(s.format));
	const counted = held.length ? held : sessions;
	if (counted.length === 0) return { start: h.startsAt, end: h.endsAt };
	return {
		start: counted.reduce((m, s) => (s.startsAt < m ? s.startsAt : m), counted[0].startsAt),
		end: counted.reduce((m, s) => (s.endsAt > m ? s.endsAt : m), counted[0].endsAt)
	};
}

/** "Atelier : Le titre", unless the title already starts with the format ("Atelier : Atelier : …"). */
export function sheetHeading(formatLabel: string, title: string): string {
	const norm = (v: string) =>
		v
			.normalize('NFD')
			.replace(/\p{Diacritic}/gu, '')
			.toLocaleLowerCase('fr');
	return norm(title.trimStart()).startsWith(norm(formatLabel)) ? title : `${formatLabel} : ${title}`;
}

function labels(lang: Lang): AttendanceSheet['labels'] {
	const t = translator(lang);
	const k = (key: string) => t(`checkin.sheet.${key}`);
	return {
		title: k('title'),
		date: k('date'),
		times: k('times'),
		place: k('place'),
		speakers: k('speakers'),
		none: k('none'),
		number: k('number'),
		lastName: k('lastName'),
		firstName: k('firstName'),
		structure: k('structure'),
		signature: k('signature'),
		page: k('page'),
		footer: k('footer')
	};
}

function person(r: { first_name: string; last_name: string; structure_name: string }) {
	return { firstName: r.first_name, lastName: r.last_name, structure: r.structure_name };
}

async function audit(
	ctx: RegistrationContext,
	actor: Actor,
	loaded: LoadedEvent,
	action: 'attendance-sheet.download' | 'badges.download' | 'attendance-record.export',
	file: ExportFile,
	rows: number
) {
	await recordAudit(ctx.db, {
		actor,
		event: { id: loaded.event.id, title: loaded.event.title },
		action,
		subject: file.filename,
		details: { rows }
	});
}

/** The sheet of a half-day: confirmed people who said they would come, in alphabetical order. */
export async function halfDaySheet(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	halfDay: string,
	lang: Lang = 'fr'
): Promise<ExportFile> {
	const loaded = await loadForTeam(ctx, actor, slug);
	const h = loaded.halfDays.find((x) => x.key === halfDay);
	if (!h) throw new NotFoundError('half-day');
	const rows = (await listRegistrationRows(ctx.db, loaded.event.id, { status: 'confirmed' })).filter((r) =>
		(JSON.parse(r.half_days) as string[]).includes(h.key)
	);
	const sessions = loaded.sessions.filter((s) => s.halfDay === h.key);
	const speakers = await listSpeakersBySession(
		ctx.db,
		sessions.map((s) => s.id)
	);
	const names = [...new Set([...speakers.values()].flat().map((s) => (s.organisation ? `${s.name} (${s.organisation})` : s.name)))];
	const { start, end } = halfDayHours(sessions, h);
	const body = await attendanceSheetPdf({
		eventTitle: loaded.event.title,
		heading: sessions.map((s) => s.title).join(' ; '),
		date: halfDayLabel(h.key, lang),
		times: `${formatTime(start, lang)} – ${formatTime(end, lang)}`,
		place: loaded.event.place ?? translator(lang)('event.online'),
		speakers: names,
		people: rows.map(person).sort(byName),
		blankRows: 8,
		labels: labels(lang)
	});
	const file = { filename: `emargement-${loaded.event.slug}-${halfDaySlug(h.key)}.pdf`, contentType: 'application/pdf', body };
	await audit(ctx, actor, loaded, 'attendance-sheet.download', file, rows.length);
	return file;
}

/** The sheet of one session: its confirmed seat holders (or, without seats, the half-day's people). */
export async function sessionSheet(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	sessionId: string,
	lang: Lang = 'fr'
): Promise<ExportFile> {
	const loaded = await loadForTeam(ctx, actor, slug);
	const s = loaded.sessions.find((x) => x.id === sessionId);
	if (!s) throw new NotFoundError('session');
	let people;
	if (s.requiresRegistration)
		people = (await listSessionSeatRows(ctx.db, s.id))
			.filter((r) => r.status === 'confirmed' && r.registration_status === 'confirmed')
			.map(person);
	else
		people = (await listRegistrationRows(ctx.db, loaded.event.id, { status: 'confirmed' }))
			.filter((r) => (JSON.parse(r.half_days) as string[]).includes(s.halfDay))
			.map(person);
	const speakers = (await listSpeakersBySession(ctx.db, [s.id])).get(s.id) ?? [];
	const t = translator(lang);
	const body = await attendanceSheetPdf({
		eventTitle: loaded.event.title,
		heading: sheetHeading(t(`checkin.sheet.format.${s.format}`, { defaultValue: t('checkin.sheet.session') }), s.title),
		date: halfDayLabel(s.halfDay, lang),
		times: `${formatTime(s.startsAt, lang)} – ${formatTime(s.endsAt, lang)}`,
		place: [s.room, loaded.event.place].filter(Boolean).join(', ') || t('event.online'),
		speakers: speakers.map((x) => (x.organisation ? `${x.name} (${x.organisation})` : x.name)),
		people: people.sort(byName),
		blankRows: 5,
		labels: labels(lang)
	});
	const file = {
		filename: `emargement-${loaded.event.slug}-${foldChoice(s.title).slice(0, 40) || s.id}.pdf`,
		contentType: 'application/pdf',
		body
	};
	await audit(ctx, actor, loaded, 'attendance-sheet.download', file, people.length);
	return file;
}

/** Badges of the confirmed participants (or of one), 8 per A4 page, in alphabetical order. */
export async function badges(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	options: { registrationId?: string; lang?: Lang } = {}
): Promise<ExportFile> {
	const loaded = await loadForTeam(ctx, actor, slug);
	const t = translator(options.lang ?? 'fr');
	let rows: RegistrationRow[] = await listRegistrationRows(ctx.db, loaded.event.id, { status: 'confirmed' });
	if (options.registrationId) {
		rows = (await listRegistrationRows(ctx.db, loaded.event.id, {})).filter((r) => r.id === options.registrationId);
		if (rows.length === 0) throw new NotFoundError('registration');
	}
	const list = rows
		.map((r) => ({
			firstName: r.first_name,
			lastName: r.last_name,
			structure: r.structure_name,
			role: t(`participants.role.${r.role}`),
			qr: checkinUrl(ctx.publicUrl, r.checkin_code)
		}))
		.sort(byName);
	const body = await badgesPdf(loaded.event.title, list);
	const file = { filename: `badges-${loaded.event.slug}.pdf`, contentType: 'application/pdf', body };
	await audit(ctx, actor, loaded, 'badges.download', file, list.length);
	return file;
}

/** The digital attendance record: one row per person, the arrival time for each half-day. */
export async function attendanceRecord(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	format: ExportFormat,
	lang: Lang = 'fr',
	csv?: CsvOptions
): Promise<ExportFile> {
	const loaded = await loadForTeam(ctx, actor, slug);
	const t = translator(lang);
	const rows = await listRegistrationRows(ctx.db, loaded.event.id, {});
	const arrivals = await listCheckinsByRegistration(
		ctx.db,
		rows.map((r) => r.id)
	);
	const headers = [
		t('participants.columns.lastName'),
		t('participants.columns.firstName'),
		t('participants.columns.structure'),
		t('participants.columns.status'),
		...loaded.halfDays.map((h) => halfDayLabel(h.key, lang))
	];
	const table = rows.map((r) => {
		const mine = arrivals.get(r.id) ?? [];
		return [
			r.last_name,
			r.first_name,
			r.structure_name,
			t(`participants.status.${r.status}`),
			...loaded.halfDays.map((h) => {
				const a = mine.find((x) => x.half_day === h.key);
				return a ? formatTime(toIso(a.checked_in_at), lang) : '';
			})
		];
	});
	const file = await tableFile(format, t('checkin.record.sheet'), headers, table, `presences-${loaded.event.slug}`, csv);
	await audit(ctx, actor, loaded, 'attendance-record.export', file, table.length);
	return file;
}
