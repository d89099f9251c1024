import { z } from 'zod';
import { versionField } from '../edit-version.ts';
import { TZDate } from '@date-fns/tz';
import { findCommune } from '../territory/territory.ts';
import { isValidRna, isValidSiret } from './structure-ids.ts';

export const EVENT_TIME_ZONE = 'Europe/Paris';
export const EVENT_FORMATS = ['onsite', 'online', 'hybrid'] as const;
export const EVENT_STATUSES = ['draft', 'published', 'archived'] as const;
export const LABEL_STATUSES = ['not_requested', 'requested', 'granted', 'refused'] as const;
export const ORGANISER_ROLES = ['lead', 'co-organiser', 'partner', 'funder'] as const;
export const STRUCTURE_TYPES = ['collectivite', 'etat', 'association', 'hub', 'syndicat', 'entreprise', 'autre'] as const;

const text = (max: number, required = 'errors.required') =>
	z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: 'errors.tooLong' });

const optionalText = (max: number) =>
	z
		.string({ error: 'errors.invalidType' })
		.trim()
		.max(max, { error: 'errors.tooLong' })
		.transform((v) => (v === '' ? null : v))
		.nullish();

/**
 * A date-time: ISO 8601 with an offset (the API), or `YYYY-MM-DDTHH:mm` as a browser's
 * datetime-local field sends it, read as Paris time. Output: a UTC ISO string.
 */
export const dateTime = z
	.string({ error: 'errors.dateTime' })
	.trim()
	.transform((v, ctx) => {
		const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
		let d: Date;
		if (local) {
			const [, y, mo, da, h, mi, s] = local.map(Number);
			d = new TZDate(y, mo - 1, da, h, mi, s || 0, EVENT_TIME_ZONE);
			// 2 a.m. on the night clocks go forward does not exist; TZDate moves it, we refuse it.
			if (d.getMonth() !== mo - 1 || d.getDate() !== da || d.getHours() !== h) d = new Date(NaN);
		} else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
			d = new Date(v);
		} else {
			d = new Date(NaN);
		}
		if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2100) {
			ctx.addIssue({ code: 'custom', message: 'errors.dateTime' });
			return z.NEVER;
		}
		// UTC with a Z, whatever the input: stored instants compare and sort as text on SQLite.
		return new Date(d.getTime()).toISOString();
	})
	.meta({ description: 'ISO 8601 avec décalage horaire, ex. 2027-03-12T09:00:00+01:00', format: 'date-time' });

const isoDay = z
	.string({ error: 'errors.date' })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'errors.date' })
	.refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
		error: 'errors.date'
	});

const slug = z
	.string({ error: 'errors.invalidType' })
	.trim()
	.toLowerCase()
	.min(3, { error: 'errors.tooShort' })
	.max(80, { error: 'errors.tooLong' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'errors.slug' });

export const venueSchema = z
	.object({
		name: optionalText(200),
		address: optionalText(300),
		inseeCode: z
			.string({ error: 'errors.invalidType' })
			.trim()
			.toUpperCase()
			.transform((v) => (v === '' ? null : v))
			.nullish()
			.refine((v) => v == null || findCommune(v) !== null, { error: 'errors.inseeCode' })
	})
	.meta({ description: 'Lieu : nom, adresse et commune (code INSEE du code officiel géographique)' });

export const organiserSchema = z.object({
	name: text(200),
	type: z.enum(STRUCTURE_TYPES, { error: 'errors.invalidChoice' }),
	siret: z
		.string({ error: 'errors.invalidType' })
		.transform((v) => v.replace(/\s+/g, ''))
		.transform((v) => (v === '' ? null : v))
		.nullish()
		.refine((v) => v == null || isValidSiret(v), { error: 'errors.siret' }),
	rna: z
		.string({ error: 'errors.invalidType' })
		.transform((v) => v.replace(/\s+/g, '').toUpperCase())
		.transform((v) => (v === '' ? null : v))
		.nullish()
		.refine((v) => v == null || isValidRna(v), { error: 'errors.rna' }),
	role: z.enum(ORGANISER_ROLES, { error: 'errors.invalidChoice' })
});

const labelSchema = z.object({
	status: z.enum(LABEL_STATUSES, { error: 'errors.invalidChoice' }),
	requestedOn: isoDay.nullish()
});

const eventFields = {
	title: text(200),
	slug: slug.optional(),
	edition: z.coerce
		.number({ error: 'errors.integer' })
		.int({ error: 'errors.integer' })
		.min(1, { error: 'errors.tooSmall' })
		.max(999, { error: 'errors.tooBig' })
		.nullish(),
	description: z.string({ error: 'errors.invalidType' }).trim().max(20_000, { error: 'errors.tooLong' }),
	themes: z
		.array(text(120), { error: 'errors.invalidType' })
		.min(2, { error: 'errors.themesCount' })
		.max(4, { error: 'errors.themesCount' }),
	startsAt: dateTime,
	endsAt: dateTime,
	format: z.enum(EVENT_FORMATS, { error: 'errors.invalidChoice' }),
	venue: venueSchema.nullish(),
	onlineUrl: z
		.string({ error: 'errors.invalidType' })
		.trim()
		.max(500, { error: 'errors.tooLong' })
		.transform((v) => (v === '' ? null : v))
		.nullish()
		.refine((v) => v == null || /^https?:\/\/[^\s]+$/.test(v), { error: 'errors.url' }),
	organisers: z.array(organiserSchema, { error: 'errors.invalidType' }).max(30, { error: 'errors.tooManyItems' }),
	label: labelSchema
};

type EventShape = {
	startsAt?: string;
	endsAt?: string;
	format?: (typeof EVENT_FORMATS)[number];
	venue?: { name?: string | null; inseeCode?: string | null } | null;
	onlineUrl?: string | null;
	label?: { status: string; requestedOn?: string | null };
};

/**
 * Rules across fields, shared by creation and by a patch once merged with the stored event.
 * A rule is skipped when a field it reads is in `invalid` (already refused on its own): an
 * unreadable start says nothing about the end, and a refused venue is not a missing one.
 */
export function checkEventCoherence(v: EventShape, ctx: z.RefinementCtx, invalid: ReadonlySet<string> = new Set()): void {
	const readable = (...fields: (keyof EventShape)[]) => fields.every((f) => !invalid.has(f));
	if (v.startsAt && v.endsAt && readable('startsAt', 'endsAt')) {
		if (v.endsAt <= v.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'errors.endBeforeStart' });
		else if (new Date(v.endsAt).getTime() - new Date(v.startsAt).getTime() > 14 * 86_400_000)
			ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'errors.eventTooLong' });
	}
	if ((v.format === 'onsite' || v.format === 'hybrid') && readable('format', 'venue')) {
		if (!v.venue?.name) ctx.addIssue({ code: 'custom', path: ['venue', 'name'], message: 'errors.venueRequired' });
		if (!v.venue?.inseeCode) ctx.addIssue({ code: 'custom', path: ['venue', 'inseeCode'], message: 'errors.communeRequired' });
	}
	if ((v.format === 'online' || v.format === 'hybrid') && !v.onlineUrl && readable('format', 'onlineUrl'))
		ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'errors.onlineUrlRequired' });
	if (v.label && v.label.status !== 'not_requested' && !v.label.requestedOn && readable('label'))
		ctx.addIssue({ code: 'custom', path: ['label', 'requestedOn'], message: 'errors.labelDateRequired' });
}

/** Input of "create an event" (form and `POST /api/v1/events`). */
export const eventCreateSchema = z
	.object({
		...eventFields,
		// Defaults only at creation: a patch that omits a field leaves it as it is.
		description: eventFields.description.default(''),
		organisers: eventFields.organisers.default([]),
		label: eventFields.label.default({ status: 'not_requested', requestedOn: null })
	})
	.strict()
	.superRefine((v, ctx) => checkEventCoherence(v, ctx))
	.meta({ id: 'EventCreate' });

/** Input of "change an event" (form and `PATCH /api/v1/events/{slug}`): any subset, plus the status. */
export const eventPatchSchema = z
	.object({
		...Object.fromEntries(Object.entries(eventFields).map(([k, v]) => [k, (v as z.ZodType).optional()])),
		status: z.enum(EVENT_STATUSES, { error: 'errors.invalidChoice' }).optional()
	} as { [K in keyof typeof eventFields]: z.ZodOptional<(typeof eventFields)[K]> } & {
		status: z.ZodOptional<z.ZodEnum<{ draft: 'draft'; published: 'published'; archived: 'archived' }>>;
	})
	.strict()
	.meta({ id: 'EventPatch' });

export type EventCreateInput = z.output<typeof eventCreateSchema>;
export type EventPatchInput = z.output<typeof eventPatchSchema>;
export type OrganiserInput = z.output<typeof organiserSchema>;

/** Team invitation (form and API). */
export const memberInviteSchema = z
	.object({
		email: z
			.string({ error: 'errors.required' })
			.trim()
			.toLowerCase()
			.max(254, { error: 'errors.tooLong' })
			.pipe(z.email({ error: 'errors.email' })),
		role: z.enum(['owner', 'organiser', 'readonly'], { error: 'errors.invalidChoice' })
	})
	.strict();

/** A member's new role (the team's row form and `PATCH …/team/{userId}`). */
export const memberRoleSchema = memberInviteSchema.pick({ role: true }).meta({ id: 'TeamRoleInput' });

/** An event as the API returns it; the TypeScript type `EventView` is inferred from it. */
export const eventViewSchema = z
	.object({
		id: z.string(),
		slug: z.string(),
		title: z.string(),
		edition: z.number().int().nullable(),
		description: z.string(),
		themes: z.array(z.string()),
		startsAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, heure de Paris avec son décalage' }),
		endsAt: z.string().meta({ format: 'date-time' }),
		format: z.enum(EVENT_FORMATS),
		status: z.enum(EVENT_STATUSES),
		url: z.string().meta({ format: 'uri', description: 'Page publique' }),
		venue: z
			.object({
				name: z.string().nullable(),
				address: z.string().nullable(),
				inseeCode: z.string().nullable(),
				commune: z.string().nullable(),
				departement: z.string().nullable()
			})
			.nullable(),
		onlineUrl: z.string().nullable(),
		organisers: z.array(
			z.object({
				name: z.string(),
				type: z.enum(STRUCTURE_TYPES),
				siret: z.string().nullable(),
				rna: z.string().nullable(),
				role: z.enum(ORGANISER_ROLES)
			})
		),
		label: z.object({
			status: z.enum(LABEL_STATUSES),
			requestedOn: z.string().nullable(),
			deadline: z.string().meta({ description: 'Dernier jour pour demander le label (4 mois avant)' }),
			warning: z.enum(['late-request', 'deadline-passed', 'deadline-soon']).nullable()
		}),
		createdAt: z.string(),
		updatedAt: z.string(),
		publishedAt: z.string().nullable(),
		version: versionField
	})
	.meta({ id: 'Event' });
