/** Working groups: one schema per input (the team's forms and the API share the group's). */
import { z } from 'zod';
import { versionField } from '../edit-version.ts';
import { dateTime } from '../events/event.schema.ts';
import { webUrl } from '../programme/programme.schema.ts';
import { GROUP_NEXT_STATUSES, GROUP_STATUSES } from '../../ui/network/vocabulary.ts';

const blankToNull = (v: unknown) => (v === '' || v === undefined || v === null ? null : v);

const text = (max: number) =>
	z.string({ error: 'errors.required' }).trim().min(1, { error: 'errors.required' }).max(max, { error: 'errors.tooLong' });

// Browsers post textareas with CRLF line ends: stored with LF, so that paragraphs split the same way.
const longText = (max: number) =>
	z.preprocess(
		(v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v),
		z.string({ error: 'errors.invalidType' }).trim().max(max, { error: 'errors.tooLong' })
	);

/** Minutes typed in a form (text) or sent by the API (a number); blank: none. */
const minutes = z.preprocess(
	(v) => {
		const b = blankToNull(typeof v === 'string' ? v.trim() : v);
		return typeof b === 'string' && /^\d+$/.test(b) ? Number(b) : b;
	},
	z
		.number({ error: 'errors.integer' })
		.int({ error: 'errors.integer' })
		.min(15, { error: 'errors.tooSmall' })
		.max(600, { error: 'errors.tooBig' })
		.nullable()
);

/** The fields of a group, shared by its input and the API's create-with-event input. */
const groupFields = {
	title: text(120),
	purpose: longText(2000).optional(),
	sessionId: z
		.preprocess(blankToNull, z.string({ error: 'errors.invalidType' }).max(64, { error: 'errors.tooLong' }).nullable())
		.optional()
		.meta({ description: 'La session du programme que le groupe prolonge ; absent ou null : un thème' }),
	status: z.enum(GROUP_STATUSES, { error: 'errors.invalidChoice' }).optional().meta({ description: 'active par défaut' }),
	nextMeetingAt: z
		.preprocess(blankToNull, dateTime.nullable())
		.optional()
		.meta({ description: 'Prochaine réunion : ISO 8601 avec décalage ; absent ou null : aucune', format: 'date-time' }),
	nextMeetingMinutes: minutes.optional().meta({ description: 'Durée de la prochaine réunion en minutes (15 à 600) ; 60 par défaut' }),
	nextMeetingPlace: z.string({ error: 'errors.invalidType' }).trim().max(200, { error: 'errors.tooLong' }).optional(),
	nextStatus: z
		.preprocess(blankToNull, z.enum(GROUP_NEXT_STATUSES, { error: 'errors.invalidChoice' }).nullable())
		.optional()
		.meta({
			description:
				'Statut à l’édition suivante : continues (se poursuit), completed (terminé), paused (en pause) ; absent ou null : pas encore dit'
		}),
	outputs: longText(4000)
		.optional()
		.meta({ description: 'Ce que le groupe a produit, public : montré sur le programme et dans le bilan de l’édition suivante' })
};

/**
 * Create or edit a working group (team form, `POST /api/v1/events/{slug}/working-groups`): every
 * field but the title may be left out (blank in the form), which means none.
 */
export const groupInputSchema = z
	.object(groupFields)
	.strict()
	.transform((v) => ({
		title: v.title,
		purpose: v.purpose ?? '',
		sessionId: v.sessionId ?? null,
		status: v.status ?? ('active' as const),
		nextMeetingAt: v.nextMeetingAt ?? null,
		nextMeetingMinutes: v.nextMeetingMinutes ?? null,
		nextMeetingPlace: v.nextMeetingPlace ?? '',
		nextStatus: v.nextStatus ?? null,
		outputs: v.outputs ?? ''
	}));
export type GroupInput = z.output<typeof groupInputSchema>;

/** `PATCH …/working-groups/{id}` as documented: the same fields, all optional (those left out stay). */
export const groupPatchSchema = z.object(groupFields).partial().strict();

/** A note or a resource a member (or the team) adds to a group. */
export const noteInputSchema = z
	.object({
		title: text(120),
		body: longText(5000),
		url: z.preprocess(blankToNull, webUrl.nullable())
	})
	.strict();

/** The team names or unnames a coordinator among the members. */
export const coordinatorInputSchema = z.object({
	profileId: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }).max(64),
	coordinator: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});

/** A group as the API answers it: counts, never people. */
export const groupViewSchema = z
	.object({
		id: z.string(),
		title: z.string(),
		purpose: z.string(),
		status: z.enum(GROUP_STATUSES),
		session: z.object({ id: z.string(), title: z.string() }).nullable().meta({ description: 'La session prolongée' }),
		nextMeeting: z
			.object({
				startsAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, heure de Paris avec son décalage' }),
				minutes: z.number().int(),
				place: z.string()
			})
			.nullable(),
		members: z.number().int().meta({ description: 'Nombre de membres' }),
		coordinators: z.number().int().meta({ description: 'Nombre de coordinateur·rices' }),
		notes: z.number().int().meta({ description: 'Nombre de notes et ressources' }),
		nextStatus: z.enum(GROUP_NEXT_STATUSES).nullable().meta({ description: 'Statut à l’édition suivante ; null : pas encore dit' }),
		outputs: z.string().meta({ description: 'Ce que le groupe a produit (public)' }),
		createdAt: z.string().meta({ format: 'date-time' }),
		updatedAt: z.string().meta({ format: 'date-time' }),
		version: versionField
	})
	.meta({ id: 'WorkingGroup' });
export type GroupView = z.output<typeof groupViewSchema>;

/** A group seen across events (`GET /api/v1/working-groups`): the group and its event. */
export const groupListItemSchema = groupViewSchema
	.extend({ event: z.object({ slug: z.string(), title: z.string() }) })
	.meta({ id: 'WorkingGroupWithEvent' });
export type GroupListItem = z.output<typeof groupListItemSchema>;

/** `POST /api/v1/working-groups`: the group's fields and the event's slug. */
export const groupCreateInputSchema = z
	.object({
		eventSlug: z
			.string({ error: 'errors.required' })
			.trim()
			.min(1, { error: 'errors.required' })
			.max(200, { error: 'errors.tooLong' })
			.meta({ description: 'L’événement du groupe (son slug)' }),
		...groupFields
	})
	.strict();

/** A coordinator or the team invites someone to a group by e-mail. */
export const invitationInputSchema = z.object({
	email: z
		.string({ error: 'errors.required' })
		.trim()
		.min(1, { error: 'errors.required' })
		.max(254, { error: 'errors.tooLong' })
		.pipe(z.email({ error: 'errors.email' }))
		.transform((e) => e.toLowerCase())
});

/** An invitation as the team sees it: the address invited, never its link (only its hash is kept). */
export const invitationViewSchema = z.object({
	id: z.string(),
	email: z.string(),
	createdAt: z.string().meta({ description: 'Envoi (ISO 8601)' }),
	acceptedAt: z.string().nullable().meta({ description: 'Acceptation (ISO 8601), null tant qu’elle attend' })
});
export type InvitationView = z.output<typeof invitationViewSchema>;
