import { z } from 'zod';
import { dateTime } from '../events/event.schema.ts';
import { ValidationError, toFieldIssues } from '../validation.ts';
import { versionField } from '../edit-version.ts';
import { AUDIENCE_CATEGORIES, RESOURCE_KINDS, SESSION_FORMATS, SPEAKER_PARTS, SPEAKER_STATUSES } from '../../ui/programme/vocabulary.ts';

export {
	SESSION_FORMATS,
	FORMAT_DEFAULT_MINUTES,
	INFORMAL_FORMATS,
	SPEAKER_PARTS,
	SPEAKER_STATUSES,
	RESOURCE_KINDS,
	AUDIENCE_CATEGORIES,
	type SessionFormat,
	type SpeakerPart,
	type SpeakerStatus,
	type ResourceKind,
	type AudienceCategory
} from '../../ui/programme/vocabulary.ts';

/**
 * The events' `dateTime`, always stored as UTC (`…Z`): the shared parser returns Paris-time input
 * with its `+02:00` offset, and text columns only sort in time order when every value is UTC.
 */
const utcDateTime = dateTime
	.transform((v) => new Date(v).toISOString())
	.meta({ description: 'ISO 8601 avec décalage horaire, ex. 2027-06-10T09:00:00+02:00', format: 'date-time' });

/** Bounds of `event.min_break_minutes`. */
export const MAX_MIN_BREAK_MINUTES = 120;

const text = (max: number) =>
	z.string({ error: 'errors.required' }).trim().min(1, { error: 'errors.required' }).max(max, { error: 'errors.tooLong' });

// Browsers post textareas with CRLF line ends: stored with LF, so that paragraphs split the same way.
const longText = (max: number) =>
	z
		.string({ error: 'errors.invalidType' })
		.transform((v) => v.replace(/\r\n?/g, '\n'))
		.pipe(z.string().trim().max(max, { error: 'errors.tooLong' }));

const count = (min: number, max: number) =>
	z
		.number({ error: 'errors.integer' })
		.int({ error: 'errors.integer' })
		.min(min, { error: 'errors.tooSmall' })
		.max(max, { error: 'errors.tooBig' });

const id = z.string({ error: 'errors.invalidType' }).trim().min(1, { error: 'errors.required' }).max(64, { error: 'errors.tooLong' });

/** An http(s) link; anything else (`javascript:`…) is refused so that it never becomes a live link. */
export const webUrl = z
	.string({ error: 'errors.required' })
	.trim()
	.min(1, { error: 'errors.required' })
	.max(1000, { error: 'errors.tooLong' })
	.refine((v) => /^https?:\/\/[^\s<>"]+$/i.test(v) && URL.canParse(v), { error: 'errors.url' });

// ---- Rooms ----

const roomFields = {
	name: text(120),
	capacity: count(1, 100_000).nullish(),
	accessibilityNotes: longText(2000)
};

/** Input of "add a room" (form and `POST /api/v1/events/{slug}/rooms`). */
export const roomCreateSchema = z
	.object({ ...roomFields, accessibilityNotes: roomFields.accessibilityNotes.default('') })
	.strict()
	.meta({ id: 'RoomCreate' });

/** Input of "change a room": any subset. */
export const roomPatchSchema = z
	.object({
		name: roomFields.name.optional(),
		capacity: roomFields.capacity,
		accessibilityNotes: roomFields.accessibilityNotes.optional()
	})
	.strict()
	.meta({ id: 'RoomPatch' });

// ---- Speakers ----

const email = z
	.string({ error: 'errors.invalidType' })
	.trim()
	.toLowerCase()
	.max(254, { error: 'errors.tooLong' })
	.transform((v) => (v === '' ? null : v))
	.nullish()
	.refine((v) => v == null || z.email().safeParse(v).success, { error: 'errors.email' });

const speakerFields = {
	name: text(200),
	organisation: longText(200),
	roleTitle: longText(200),
	bio: longText(5000),
	portraitAlt: longText(300),
	email,
	status: z.enum(SPEAKER_STATUSES, { error: 'errors.invalidChoice' }),
	travelCostCents: count(0, 10_000_000).nullish()
};

/** Input of "add a speaker" (form and `POST /api/v1/events/{slug}/speakers`). */
export const speakerCreateSchema = z
	.object({
		...speakerFields,
		organisation: speakerFields.organisation.default(''),
		roleTitle: speakerFields.roleTitle.default(''),
		bio: speakerFields.bio.default(''),
		portraitAlt: speakerFields.portraitAlt.default(''),
		status: speakerFields.status.default('invited')
	})
	.strict()
	.meta({ id: 'SpeakerCreate' });

export const speakerPatchSchema = z
	.object({
		name: speakerFields.name.optional(),
		organisation: speakerFields.organisation.optional(),
		roleTitle: speakerFields.roleTitle.optional(),
		bio: speakerFields.bio.optional(),
		portraitAlt: speakerFields.portraitAlt.optional(),
		email: speakerFields.email,
		status: speakerFields.status.optional(),
		travelCostCents: speakerFields.travelCostCents
	})
	.strict()
	.meta({ id: 'SpeakerPatch' });

/** What a speaker may change themselves through their private link. */
export const speakerProfileSchema = z
	.object({
		name: speakerFields.name,
		organisation: speakerFields.organisation.default(''),
		roleTitle: speakerFields.roleTitle.default(''),
		bio: speakerFields.bio.default(''),
		portraitAlt: speakerFields.portraitAlt.default(''),
		status: z.enum(['confirmed', 'declined'], { error: 'programme.errors.answerRequired' })
	})
	.strict();

// ---- Sessions ----

const sessionSpeaker = z
	.object({
		speakerId: id,
		part: z.enum(SPEAKER_PARTS, { error: 'errors.invalidChoice' }).default('speaker')
	})
	.strict();

const sessionFields = {
	title: text(200),
	format: z.enum(SESSION_FORMATS, { error: 'errors.invalidChoice' }),
	description: longText(20_000),
	themes: z.array(text(120), { error: 'errors.invalidType' }).max(4, { error: 'errors.tooManyItems' }),
	startsAt: utcDateTime,
	endsAt: utcDateTime.nullish().meta({ description: 'Vide : la durée par défaut du format' }),
	roomId: id.nullish(),
	speakerIds: z.array(id, { error: 'errors.invalidType' }).max(30, { error: 'errors.tooManyItems' }),
	speakers: z
		.array(sessionSpeaker, { error: 'errors.invalidType' })
		.max(30, { error: 'errors.tooManyItems' })
		.meta({ description: 'Intervenant·es avec leur rôle (speaker, host, moderator) ; remplace speakerIds' }),
	audience: z
		.array(z.enum(AUDIENCE_CATEGORIES, { error: 'errors.invalidChoice' }), { error: 'errors.invalidType' })
		.max(AUDIENCE_CATEGORIES.length, { error: 'errors.tooManyItems' })
		.meta({ description: 'Catégories de participants auxquelles la session est réservée ; vide : ouverte à tous' }),
	expectedAttendance: count(0, 100_000).nullish(),
	capacity: count(1, 100_000).nullish(),
	requiresRegistration: z.boolean({ error: 'errors.invalidType' }),
	synthesis: longText(50_000),
	synthesisPublished: z.boolean({ error: 'errors.invalidType' })
};

/** Input of "add a session" (form and `POST /api/v1/events/{slug}/sessions`). */
export const sessionCreateSchema = z
	.object({
		...sessionFields,
		description: sessionFields.description.default(''),
		themes: sessionFields.themes.default([]),
		speakerIds: sessionFields.speakerIds.optional(),
		speakers: sessionFields.speakers.optional(),
		audience: sessionFields.audience.default([]),
		requiresRegistration: sessionFields.requiresRegistration.default(false),
		synthesis: sessionFields.synthesis.default(''),
		synthesisPublished: sessionFields.synthesisPublished.default(false)
	})
	.strict()
	.meta({ id: 'SessionCreate' });

/** Input of "change a session": any subset. Moving `startsAt` alone keeps the session's length. */
export const sessionPatchSchema = z
	.object(
		Object.fromEntries(Object.entries(sessionFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
			[K in keyof typeof sessionFields]: z.ZodOptional<(typeof sessionFields)[K]>;
		}
	)
	.strict()
	.meta({ id: 'SessionPatch' });

export type SessionCreateInput = z.output<typeof sessionCreateSchema>;
export type SessionPatchInput = z.output<typeof sessionPatchSchema>;

/** A link resource (slides online, a reference document, the recording). */
export const resourceLinkSchema = z
	.object({
		kind: z.enum(['link', 'video'], { error: 'errors.invalidChoice' }).default('link'),
		title: text(200),
		url: webUrl
	})
	.strict()
	.meta({ id: 'ResourceLink' });

export const programmeSettingsSchema = z
	.object({ minBreakMinutes: count(0, MAX_MIN_BREAK_MINUTES) })
	.strict()
	.meta({ id: 'ProgrammeSettings' });

/** A room moved one place up or down in the programme's order. */
export const roomMoveSchema = z.object({ direction: z.enum(['up', 'down']) }).strict();

// ---- Views (API responses) ----

export const roomViewSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		capacity: z.number().int().nullable(),
		accessibilityNotes: z.string(),
		position: z.number().int(),
		version: versionField
	})
	.meta({ id: 'Room' });

export const publicSpeakerViewSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		organisation: z.string(),
		roleTitle: z.string(),
		bio: z.string(),
		portraitUrl: z.string().nullable().meta({ description: 'Portrait redimensionné (320 × 320, WebP)' }),
		portraitAlt: z.string(),
		url: z.string().meta({ format: 'uri', description: 'Page publique' })
	})
	.meta({ id: 'PublicSpeaker' });

export const speakerViewSchema = publicSpeakerViewSchema
	.extend({
		email: z.string().nullable(),
		status: z.enum(SPEAKER_STATUSES),
		travelCostCents: z.number().int().nullable(),
		invitedAt: z.string().nullable(),
		respondedAt: z.string().nullable(),
		sessionIds: z.array(z.string()),
		createdAt: z.string(),
		updatedAt: z.string(),
		version: versionField
	})
	.meta({ id: 'Speaker' });

export const conflictSchema = z
	.object({
		kind: z.enum([
			'room-overlap',
			'speaker-overlap',
			'speaker-no-travel-time',
			'over-capacity',
			'no-breathing-time',
			'no-informal-time',
			'past-day-end'
		]),
		sessionIds: z.array(z.string()),
		message: z.string().meta({ description: 'En français (anglais avec Accept-Language: en)' }),
		day: z.string().meta({ description: 'Jour (heure de Paris), AAAA-MM-JJ' }),
		roomId: z.string().optional(),
		speakerId: z.string().optional()
	})
	.meta({ id: 'Conflict' });

/** A session's resource as the API answers it: a link, or a stored document (its name and size in bytes). */
export const resourceViewSchema = z
	.object({
		id: z.string(),
		kind: z.enum(RESOURCE_KINDS),
		title: z.string(),
		url: z.string(),
		filename: z.string().nullable().meta({ description: 'Nom du document ; null pour un lien' }),
		size: z.number().int().nullable().meta({ description: 'Taille du document en octets ; null pour un lien' })
	})
	.meta({ id: 'Resource' });

export const sessionViewSchema = z
	.object({
		id: z.string(),
		title: z.string(),
		format: z.enum(SESSION_FORMATS),
		description: z.string(),
		themes: z.array(z.string()),
		startsAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, heure de Paris avec son décalage' }),
		endsAt: z.string().meta({ format: 'date-time' }),
		roomId: z.string().nullable(),
		room: z.object({ id: z.string(), name: z.string() }).nullable(),
		speakerIds: z.array(z.string()),
		speakers: z.array(
			z.object({ speakerId: z.string(), part: z.enum(SPEAKER_PARTS), name: z.string(), organisation: z.string(), roleTitle: z.string() })
		),
		audience: z.array(z.enum(AUDIENCE_CATEGORIES)),
		expectedAttendance: z.number().int().nullable(),
		capacity: z.number().int().nullable(),
		requiresRegistration: z.boolean(),
		resources: z.array(resourceViewSchema),
		synthesis: z.string().meta({ description: 'Vide pour le public tant qu’elle n’est pas publiée' }),
		synthesisPublished: z.boolean(),
		url: z.string().meta({ format: 'uri', description: 'Page publique' }),
		version: versionField,
		warnings: z.array(conflictSchema).optional().meta({ description: 'Avertissements qui concernent la session (jamais bloquants)' })
	})
	.meta({ id: 'Session' });

/**
 * Like `parseOrThrow`, but keeps this area's own message keys (`programme.errors.*`), which the
 * shared `toFieldIssues` only knows for `errors.*`.
 */
export function parseProgramme<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issues = result.error.issues.flatMap((issue) => {
		const shared = toFieldIssues(new z.ZodError([issue]));
		return issue.message.startsWith('programme.') ? shared.map((i) => ({ ...i, message: issue.message })) : shared;
	});
	throw new ValidationError(issues);
}
