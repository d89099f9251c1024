/**
 * Certificates of attendance (« attestations de présence »), from the check-in record: one per
 * person who was checked in at least once, never for someone who did not come (NotFoundError).
 * The organisers download one or all (one PDF or a ZIP); a participant downloads their own
 * from their private link. Every download of names by the team is written to the audit log.
 */
import { zipSync } from 'fflate';
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findEventById, findEventBySlug, type EventRow } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { eventHalfDays, halfDayLabel, halfDayOf } from '../registrations/half-days.ts';
import { attendedSession } from '../registrations/attendance.ts';
import { findRegistrationById } from '../registrations/registration.queries.ts';
import { findRegistrationIdByToken } from '../registrations/registration.service.ts';
import { NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { formatDay, formatRange } from '../../time.ts';
import { certificatesPdf, type Certificate } from './report.pdf.ts';
import {
	findReportRow,
	listAttendedRegistrations,
	listCheckinsOf,
	listReportSessions,
	listSeatsOf,
	upsertReportRow
} from './report.queries.ts';
import { signatoryInputSchema } from './report.schema.ts';

interface Person {
	id: string;
	first_name: string;
	last_name: string;
	structure_name: string;
}

async function buildCertificates(db: DbOrTx, event: EventRow, people: Person[], lang: Lang): Promise<Certificate[]> {
	const ids = people.map((p) => p.id);
	const [checkins, seats, sessions, report] = await Promise.all([
		listCheckinsOf(db, ids),
		listSeatsOf(db, ids),
		listReportSessions(db, event.id),
		findReportRow(db, event.id)
	]);
	const signature = report?.signature_file_id
		? await db.selectFrom('stored_file').select('data').where('id', '=', report.signature_file_id).executeTakeFirst()
		: undefined;
	const halfDays = eventHalfDays(toIso(event.starts_at), toIso(event.ends_at));
	// Hours of a half-day: from its first session's start to its last session's end, else the event's part of it.
	const hoursOf = new Map<string, number>();
	for (const h of halfDays) {
		const own = sessions.filter((s) => halfDayOf(toIso(s.starts_at)) === h.key);
		const from = own.length ? Math.min(...own.map((s) => Date.parse(toIso(s.starts_at)))) : Date.parse(h.startsAt);
		const to = own.length ? Math.max(...own.map((s) => Date.parse(toIso(s.ends_at)))) : Date.parse(h.endsAt);
		hoursOf.set(h.key, Math.max(0, (to - from) / 3_600_000));
	}
	// Booked workshops and the sessions open to all of the half-days the person came (attendance.ts).
	const attendable = sessions.map((s) => ({
		id: s.id,
		title: s.title,
		startsAt: toIso(s.starts_at),
		requiresRegistration: Number(s.requires_registration) === 1,
		format: s.format
	}));
	const t = translator(lang);
	const place = [event.venue_name, event.venue_commune].filter(Boolean).join(', ');
	return people.map((p) => {
		const mine = checkins.filter((c) => c.registration_id === p.id).map((c) => c.half_day);
		const came = new Set(mine);
		const booked = new Set(seats.filter((s) => s.registration_id === p.id).map((s) => s.session_id));
		const attendedSessions = attendable.filter((s) => attendedSession(s, booked, came)).map((s) => s.title);
		const hours = [...came].reduce((a, k) => a + (hoursOf.get(k) ?? 0), 0);
		return {
			name: `${p.first_name} ${p.last_name}`.trim(),
			structure: p.structure_name,
			eventTitle: event.title,
			dates: formatRange(toIso(event.starts_at), toIso(event.ends_at), lang),
			place,
			halfDays: [...came].sort().map((k) => halfDayLabel(k, lang)),
			sessions: attendedSessions,
			hours: t('reports.certificate.hoursValue', {
				hours: new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(hours)
			}),
			signatory: report?.signatory ?? '',
			signature: signature ? Buffer.from(signature.data) : null,
			issuedOn: formatDay(nowIso(), lang)
		};
	});
}

async function teamEvent(ctx: ServiceContext, actor: Actor, slug: string): Promise<EventRow> {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'view');
	return event;
}

async function attendedPerson(db: DbOrTx, eventId: string, registrationId: string): Promise<Person> {
	const row = await findRegistrationById(db, registrationId);
	if (!row || row.event_id !== eventId || row.status === 'cancelled') throw new NotFoundError('registration');
	const checkins = await listCheckinsOf(db, [row.id]);
	if (checkins.length === 0) throw new NotFoundError('certificate');
	return row;
}

const fileName = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase() || 'attestation';

export interface CertificateFile {
	filename: string;
	contentType: string;
	body: Buffer;
}

/** One person's certificate for the team; NotFoundError if they never came. */
export async function getCertificate(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	registrationId: string,
	lang: Lang
): Promise<CertificateFile> {
	const event = await teamEvent(ctx, actor, slug);
	const person = await attendedPerson(ctx.db, event.id, registrationId);
	const body = await certificatesPdf(await buildCertificates(ctx.db, event, [person], lang), translator(lang));
	await recordAudit(ctx.db, {
		actor,
		event: { id: event.id, title: event.title },
		action: 'certificate.download',
		subject: registrationId,
		details: {}
	});
	return { filename: `attestation-${fileName(`${person.first_name} ${person.last_name}`)}.pdf`, contentType: 'application/pdf', body };
}

/** Every certificate of the event: one PDF (a page each) or a ZIP of one PDF per person. */
export async function getAllCertificates(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	format: 'pdf' | 'zip',
	lang: Lang
): Promise<CertificateFile> {
	const event = await teamEvent(ctx, actor, slug);
	const people = await listAttendedRegistrations(ctx.db, event.id);
	if (people.length === 0) throw new ValidationError([{ field: '_', message: 'reports.errors.notAttended' }]);
	const certificates = await buildCertificates(ctx.db, event, people, lang);
	const t = translator(lang);
	await recordAudit(ctx.db, {
		actor,
		event: { id: event.id, title: event.title },
		action: 'certificate.download',
		subject: `all.${format}`,
		details: { rows: people.length }
	});
	if (format === 'pdf')
		return { filename: `attestations-${event.slug}.pdf`, contentType: 'application/pdf', body: await certificatesPdf(certificates, t) };
	const files: Record<string, Uint8Array> = {};
	for (const [i, c] of certificates.entries()) {
		let name = `attestation-${fileName(c.name)}.pdf`;
		if (files[name]) name = `attestation-${fileName(c.name)}-${i + 1}.pdf`;
		files[name] = await certificatesPdf([c], t);
	}
	return { filename: `attestations-${event.slug}.zip`, contentType: 'application/zip', body: Buffer.from(zipSync(files, { level: 0 })) };
}

/** The participant's own certificate from their private link; NotFoundError if they never came. */
export async function getOwnCertificate(ctx: ServiceContext, token: string, lang: Lang): Promise<CertificateFile> {
	const id = await findRegistrationIdByToken(ctx, token);
	if (!id) throw new NotFoundError('registration');
	const row = await findRegistrationById(ctx.db, id);
	if (!row) throw new NotFoundError('registration');
	const event = await findEventById(ctx.db, row.event_id);
	if (!event) throw new NotFoundError('event');
	const person = await attendedPerson(ctx.db, event.id, id);
	const body = await certificatesPdf(await buildCertificates(ctx.db, event, [person], lang), translator(lang));
	return { filename: `attestation-${fileName(event.title)}.pdf`, contentType: 'application/pdf', body };
}

/** Whether the person behind a private link may download a certificate (they came). */
export async function hasOwnCertificate(ctx: ServiceContext, token: string): Promise<boolean> {
	const id = await findRegistrationIdByToken(ctx, token);
	if (!id) return false;
	return (await listCheckinsOf(ctx.db, [id])).length > 0;
}

const SIGNATURE_TYPES: Record<string, number[]> = { 'image/png': [0x89, 0x50, 0x4e, 0x47], 'image/jpeg': [0xff, 0xd8, 0xff] };

/** Who signs the certificates, and optionally their signature image (PNG or JPEG, 1 MB at most). */
export async function updateSignatory(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	signatory: string,
	image: { bytes: Buffer; filename: string } | null
): Promise<void> {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	const name = signatory.trim();
	if (name.length > 200) throw new ValidationError([{ field: 'signatory', message: 'errors.tooLong', params: { max: 200 } }]);
	if (/<\s*[a-z!/?]|javascript:/i.test(name)) throw new ValidationError([{ field: 'signatory', message: 'reports.errors.markup' }]);
	let fileId: string | undefined;
	if (image) {
		const type = Object.entries(SIGNATURE_TYPES).find(([, magic]) => magic.every((b, i) => image.bytes[i] === b))?.[0];
		if (!type || image.bytes.length > 1_000_000) throw new ValidationError([{ field: 'signature', message: 'reports.errors.signature' }]);
		fileId = crypto.randomUUID();
		await ctx.db
			.insertInto('stored_file')
			.values({
				id: fileId,
				event_id: event.id,
				filename: 'signature',
				content_type: type,
				size: image.bytes.length,
				data: image.bytes,
				created_at: nowIso()
			})
			.execute();
	}
	await upsertReportRow(ctx.db, event.id, { signatory: name, ...(fileId ? { signature_file_id: fileId } : {}), updated_at: nowIso() });
}

/** The API's signatory: `signatoryInputSchema` (the image in base64), checked as the form's (updateSignatory). */
export async function updateSignatoryFromInput(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<void> {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	const { signatory, signature } = parseOrThrow(signatoryInputSchema, input);
	await updateSignatory(ctx, actor, slug, signatory, signature ? { bytes: Buffer.from(signature, 'base64'), filename: 'signature' } : null);
}
