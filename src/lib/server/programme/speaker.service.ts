/**
 * Speakers ("intervenant·es"): the team's list (with private contact, status and travel-cost
 * estimate), portraits, and the e-mail invitation whose private link lets a speaker confirm and
 * complete their own profile without an account. Only the SHA-256 of that link's token is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rangeOf as formatRange } from '../../ui/programme/paris-time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import { findEventById, findEventBySlug, type EventRow } from '../events/event.queries.ts';
import { listMemberRows } from '../events/team.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { withTx } from '../tx.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import {
	deleteSpeakerRow,
	deleteStoredFile,
	findSpeakerByTokenHash,
	findSpeakerRow,
	insertSpeaker,
	insertStoredFile,
	listSessionRows,
	listSessionSpeakerRows,
	listRoomRows,
	updateSpeakerRow,
	type SpeakerRow
} from './programme.queries.ts';
import {
	parseProgramme,
	speakerCreateSchema,
	speakerPatchSchema,
	speakerProfileSchema,
	type SessionFormat,
	type SpeakerPart
} from './programme.schema.ts';
import {
	getProgrammeForViewer,
	getTeamProgramme,
	toPublicSpeakerView,
	type PublicSpeakerView,
	type SpeakerView
} from './programme.service.ts';
import { makePortrait, type Upload } from './uploads.ts';

/** A private link keeps working this long after the event ends (syntheses, slides come late). */
const LINK_GRACE_DAYS = 30;

export function hashInviteToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

async function eventFor(db: DbOrTx, actor: Actor, slug: string, action: 'view' | 'edit') {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(db, event.id, actor, action);
	return event;
}

async function speakerFor(db: DbOrTx, actor: Actor, slug: string, id: string, action: 'view' | 'edit' = 'edit') {
	const event = await eventFor(db, actor, slug, action);
	const speaker = await findSpeakerRow(db, event.id, id);
	if (!speaker) throw new NotFoundError('speaker');
	return { event, speaker };
}

async function teamView(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<SpeakerView> {
	const speaker = (await getTeamProgramme(ctx, actor, slug)).speakers.find((s) => s.id === id);
	if (!speaker) throw new NotFoundError('speaker');
	return speaker;
}

/**
 * The event's speakers (`GET /api/v1/events/{slug}/speakers`): everything for its team; for
 * anyone else (published events only) the public profile of those who did not decline. The team's
 * answer holds private e-mails and travel costs: it is written to the audit log.
 */
export async function listSpeakers(ctx: ServiceContext, viewer: Actor, slug: string): Promise<SpeakerView[] | PublicSpeakerView[]> {
	const programme = await getProgrammeForViewer(ctx, viewer, slug);
	if (programme.team) await auditPrivateRead(ctx, viewer, programme.event, 'GET /speakers', programme.speakers.length);
	return programme.speakers;
}

/** One speaker (`GET …/speakers/{id}`), seen as `listSpeakers` sees them; the team's read is audited. */
export async function getSpeaker(ctx: ServiceContext, viewer: Actor, slug: string, id: string): Promise<SpeakerView | PublicSpeakerView> {
	const programme = await getProgrammeForViewer(ctx, viewer, slug);
	const speaker = programme.speakers.find((s) => s.id === id);
	if (!speaker) throw new NotFoundError('speaker');
	if (programme.team) await auditPrivateRead(ctx, viewer, programme.event, `GET /speakers/${id}`, 1);
	return speaker;
}

async function auditPrivateRead(ctx: ServiceContext, actor: Actor, event: { id: string; title: string }, subject: string, rows: number) {
	await recordAudit(ctx.db, {
		actor,
		event: { id: event.id, title: event.title },
		action: 'speakers.read-api',
		subject,
		details: { rows }
	});
}

/** One speaker with private fields, for the team. */
export async function getTeamSpeaker(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<SpeakerView> {
	return teamView(ctx, actor, slug, id);
}

/**
 * Checks an input and an optional portrait together, so that a form shows every problem at once
 * and nothing is written when either is wrong.
 */
async function parseWithPortrait<T>(parse: () => T, portrait: Upload | undefined) {
	const issues: FieldIssue[] = [];
	let data: T | undefined;
	let image: Awaited<ReturnType<typeof makePortrait>> | null = null;
	try {
		data = parse();
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		issues.push(...e.issues);
	}
	if (portrait) {
		try {
			image = await makePortrait(portrait);
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			issues.push(...e.issues);
		}
	}
	if (issues.length) throw new ValidationError(issues);
	return { data: data as T, image };
}

/**
 * Adds a speaker (status `invited` unless told otherwise), with a portrait when one is given; no
 * e-mail is sent until `inviteSpeaker`.
 */
export async function createSpeaker(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	portrait?: Upload
): Promise<SpeakerView> {
	// Permission first: nobody gets an image decoded by the server without the right to store it.
	await eventFor(ctx.db, actor, slug, 'edit');
	const { data, image } = await parseWithPortrait(() => parseProgramme(speakerCreateSchema, input), portrait);
	const id = await withTx(ctx.db, async (tx) => {
		const event = await eventFor(tx, actor, slug, 'edit');
		const now = nowIso();
		const id = crypto.randomUUID();
		const row = {
			id,
			event_id: event.id,
			name: data.name,
			organisation: data.organisation,
			role_title: data.roleTitle,
			bio: data.bio,
			portrait_file_id: null,
			portrait_alt: data.portraitAlt,
			email: data.email ?? null,
			status: data.status,
			travel_cost_cents: data.travelCostCents ?? null,
			invite_token_hash: null,
			invited_at: null,
			responded_at: null,
			created_at: now,
			updated_at: now,
			version: 1
		};
		await insertSpeaker(tx, row);
		if (image) await storePortrait(tx, row, image, undefined);
		return id;
	});
	return teamView(ctx, actor, slug, id);
}

/**
 * Changes a speaker's profile, contact, status or travel-cost estimate (any subset), and their
 * portrait when one is given. With `version` (form, If-Match): StaleVersionError and nothing
 * written when the speaker changed since.
 */
export async function updateSpeaker(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	portrait?: Upload,
	version?: ExpectedVersion
): Promise<SpeakerView> {
	const before = await speakerFor(ctx.db, actor, slug, id);
	versionsToWrite(version, Number(before.speaker.version));
	const { data: p, image } = await parseWithPortrait(() => parseProgramme(speakerPatchSchema, input), portrait);
	await withTx(ctx.db, async (tx) => {
		const { speaker } = await speakerFor(tx, actor, slug, id);
		const versions = versionsToWrite(version, Number(speaker.version));
		const written = await updateSpeakerRow(
			tx,
			speaker.id,
			{
				name: p.name ?? speaker.name,
				organisation: p.organisation ?? speaker.organisation,
				role_title: p.roleTitle ?? speaker.role_title,
				bio: p.bio ?? speaker.bio,
				portrait_alt: p.portraitAlt ?? speaker.portrait_alt,
				email: p.email === undefined ? speaker.email : p.email,
				status: p.status ?? speaker.status,
				travel_cost_cents: p.travelCostCents === undefined ? speaker.travel_cost_cents : p.travelCostCents,
				updated_at: nowIso()
			},
			versions
		);
		if (!written) {
			const now = await findSpeakerRow(tx, speaker.event_id, speaker.id);
			throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
		}
		if (image) await storePortrait(tx, speaker, image, undefined);
	});
	return teamView(ctx, actor, slug, id);
}

/** Deletes a speaker: they leave every session, and their portrait is deleted. */
export async function deleteSpeaker(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { speaker } = await speakerFor(tx, actor, slug, id);
		await deleteSpeakerRow(tx, speaker.id);
		if (speaker.portrait_file_id) await deleteStoredFile(tx, speaker.portrait_file_id);
	});
}

async function storePortrait(tx: DbOrTx, speaker: SpeakerRow, portrait: Awaited<ReturnType<typeof makePortrait>>, alt: string | undefined) {
	const fileId = crypto.randomUUID();
	const now = nowIso();
	await insertStoredFile(tx, {
		id: fileId,
		event_id: speaker.event_id,
		filename: portrait.filename,
		content_type: portrait.contentType,
		size: portrait.data.length,
		data: portrait.data,
		created_at: now
	});
	await updateSpeakerRow(tx, speaker.id, {
		portrait_file_id: fileId,
		...(alt !== undefined ? { portrait_alt: alt } : {}),
		updated_at: now
	});
	if (speaker.portrait_file_id) await deleteStoredFile(tx, speaker.portrait_file_id);
}

function checkAlt(alt: string | undefined): string | undefined {
	if (alt === undefined) return undefined;
	const v = alt.trim();
	if (v.length > 300) throw new ValidationError([{ field: 'portraitAlt', message: 'errors.tooLong', params: { max: 300 } }]);
	return v;
}

/**
 * Replaces a speaker's portrait with an uploaded image, resized to 320 × 320 WebP on the server
 * (a new file id each time, so that it can be cached for ever). Not an image, or over 10 MB: a
 * ValidationError on `portrait`, and nothing changes.
 */
export async function setSpeakerPortrait(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	upload: Upload,
	alt?: string
): Promise<SpeakerView> {
	// Permission first: nobody gets an image decoded by the server without the right to store it.
	await speakerFor(ctx.db, actor, slug, id);
	const altText = checkAlt(alt);
	const portrait = await makePortrait(upload);
	await withTx(ctx.db, async (tx) => {
		const { speaker } = await speakerFor(tx, actor, slug, id);
		await storePortrait(tx, speaker, portrait, altText);
	});
	return teamView(ctx, actor, slug, id);
}

/** Removes a speaker's portrait. */
export async function removeSpeakerPortrait(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<SpeakerView> {
	await withTx(ctx.db, async (tx) => {
		const { speaker } = await speakerFor(tx, actor, slug, id);
		await updateSpeakerRow(tx, speaker.id, { portrait_file_id: null, updated_at: nowIso() });
		if (speaker.portrait_file_id) await deleteStoredFile(tx, speaker.portrait_file_id);
	});
	return teamView(ctx, actor, slug, id);
}

/**
 * E-mails the speaker a private link to confirm (or decline) and complete their profile; a new
 * invitation replaces the previous link. Needs their e-mail address (ConflictError otherwise).
 * The message is queued in the same transaction; the caller wakes the mail worker.
 */
export async function inviteSpeaker(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<{ email: string; link: string }> {
	return withTx(ctx.db, async (tx) => {
		const { event, speaker } = await speakerFor(tx, actor, slug, id);
		if (!speaker.email) throw new ConflictError([{ field: 'email', message: 'programme.errors.emailRequired' }]);
		const token = randomBytes(32).toString('base64url');
		const now = nowIso();
		await updateSpeakerRow(tx, speaker.id, { invite_token_hash: hashInviteToken(token), invited_at: now, updated_at: now });
		const link = `${ctx.publicUrl.replace(/\/$/, '')}/intervenant/${token}`;
		const when = formatRange(toIso(event.starts_at), toIso(event.ends_at), 'fr');
		const place = [event.venue_name, event.venue_commune].filter(Boolean).join(', ');
		const { text, html } = renderMail({
			lang: 'fr',
			preheader: `Confirmez votre intervention à « ${event.title} »`,
			title: `Invitation à intervenir : « ${event.title} »`,
			paragraphs: [
				`Bonjour ${speaker.name},`,
				`L’équipe qui organise « ${event.title} » (${when}${place ? `, ${place}` : ''}) vous invite à y intervenir.`,
				'Ce lien personnel vous permet de confirmer ou de décliner, de relire les sessions prévues pour vous et de compléter votre présentation (structure, fonction, quelques lignes de biographie, portrait) sans créer de compte.',
				'Ne transférez pas ce message : le lien donne accès à votre fiche.'
			],
			action: { label: 'Répondre et compléter ma fiche', url: link },
			footer: `Message envoyé par Maillage pour l’équipe de « ${event.title} ».`
		});
		await enqueueMail(tx, {
			kind: 'speaker-invitation',
			to: speaker.email,
			subject: `Invitation à intervenir : « ${event.title} »`,
			text,
			html,
			eventId: event.id
		});
		return { email: speaker.email, link };
	});
}

/** Tells the event's owners and organisers that a speaker answered (only when the answer changes). */
async function notifyTeam(
	ctx: ServiceContext,
	tx: DbOrTx,
	event: EventRow,
	name: string,
	status: 'confirmed' | 'declined',
	speakerId: string
) {
	const members = (await listMemberRows(tx, event.id)).filter((m) => m.role !== 'readonly');
	const verb = status === 'confirmed' ? 'a confirmé' : 'a décliné';
	const url = `${ctx.publicUrl.replace(/\/$/, '')}/organisateur/e/${event.slug}/programme/intervenants/${speakerId}`;
	for (const m of members) {
		const { text, html } = renderMail({
			lang: 'fr',
			title: `${name} ${verb} son intervention`,
			paragraphs: [`${name} ${verb} son intervention à « ${event.title} » en répondant à l’invitation envoyée depuis Maillage.`],
			action: { label: 'Voir sa fiche', url }
		});
		await enqueueMail(tx, {
			kind: 'speaker-answer',
			to: m.email,
			subject: `« ${event.title} » : ${name} ${verb} son intervention`,
			text,
			html,
			eventId: event.id
		});
	}
}

export interface SpeakerInvitation {
	event: { title: string; slug: string; startsAt: string; endsAt: string; status: string };
	/** `version`: the private form's hidden field (an organiser's edit made meanwhile makes the answer stale). */
	speaker: PublicSpeakerView & { status: string; respondedAt: string | null; version: number };
	sessions: {
		id: string;
		title: string;
		format: SessionFormat;
		startsAt: string;
		endsAt: string;
		room: string | null;
		part: SpeakerPart;
	}[];
}

async function speakerByToken(db: DbOrTx, token: string) {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('invitation');
	const speaker = await findSpeakerByTokenHash(db, hashInviteToken(token));
	if (!speaker) throw new NotFoundError('invitation');
	const event = await findEventById(db, speaker.event_id);
	if (!event) throw new NotFoundError('invitation');
	if (Date.parse(toIso(event.ends_at)) + LINK_GRACE_DAYS * 86_400_000 < Date.now()) throw new NotFoundError('invitation');
	return { speaker, event };
}

/** What a speaker sees behind their private link: the event, their profile and their sessions. NotFoundError for an unknown or stale link. */
export async function getSpeakerInvitation(ctx: ServiceContext, token: string): Promise<SpeakerInvitation> {
	const { speaker, event } = await speakerByToken(ctx.db, token);
	const [sessions, rooms, links] = await Promise.all([
		listSessionRows(ctx.db, event.id),
		listRoomRows(ctx.db, event.id),
		listSessionSpeakerRows(ctx.db, event.id)
	]);
	const mine: SpeakerInvitation['sessions'] = [];
	for (const s of sessions) {
		const link = links.find((l) => l.session_id === s.id && l.speaker_id === speaker.id);
		if (!link) continue;
		mine.push({
			id: s.id,
			title: s.title,
			format: s.format as SessionFormat,
			startsAt: toIso(s.starts_at),
			endsAt: toIso(s.ends_at),
			room: rooms.find((r) => r.id === s.room_id)?.name ?? null,
			part: link.part as SpeakerPart
		});
	}
	return {
		event: { title: event.title, slug: event.slug, startsAt: toIso(event.starts_at), endsAt: toIso(event.ends_at), status: event.status },
		speaker: {
			...toPublicSpeakerView(ctx, event.slug, speaker),
			status: speaker.status,
			respondedAt: toIso(speaker.responded_at ?? null),
			version: Number(speaker.version)
		},
		sessions: mine
	};
}

/**
 * The speaker's answer through their private link: confirmed or declined, their public profile,
 * and optionally a new portrait (same checks as the team's upload). Everything or nothing. With
 * `version` (the form's hidden field): StaleVersionError and nothing written when the team changed
 * the speaker since the page was loaded.
 */
export async function answerSpeakerInvitation(
	ctx: ServiceContext,
	token: string,
	input: unknown,
	portrait?: Upload,
	version?: ExpectedVersion
): Promise<SpeakerInvitation> {
	await speakerByToken(ctx.db, token);
	const { data, image } = await parseWithPortrait(() => parseProgramme(speakerProfileSchema, input), portrait);
	await withTx(ctx.db, async (tx) => {
		const { speaker, event } = await speakerByToken(tx, token);
		const versions = versionsToWrite(version, Number(speaker.version));
		const now = nowIso();
		const written = await updateSpeakerRow(
			tx,
			speaker.id,
			{
				name: data.name,
				organisation: data.organisation,
				role_title: data.roleTitle,
				bio: data.bio,
				portrait_alt: data.portraitAlt,
				status: data.status,
				responded_at: now,
				updated_at: now
			},
			versions
		);
		if (!written) throw new StaleVersionError(null, version !== undefined);
		if (speaker.status !== data.status) await notifyTeam(ctx, tx, event, data.name, data.status, speaker.id);
		if (image) await storePortrait(tx, speaker, image, undefined);
	});
	return getSpeakerInvitation(ctx, token);
}
