import { z } from 'zod';
import { findCommune, findDepartement } from '../territory/territory.ts';
import { dateTime } from '../events/event.schema.ts';
import { ValidationError, toFieldIssues, type FieldIssue } from '../validation.ts';
import { versionField } from '../edit-version.ts';

/** Zod's issues as field issues, keeping this area's own message keys (`registration.errors.*`). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.flatMap((issue) => {
		const own = toFieldIssues(new z.ZodError([issue]));
		return issue.message.startsWith('registration.') ? own.map((i) => ({ ...i, message: issue.message })) : own;
	});
}

/** Like `parseOrThrow`, with this area's message keys. */
export function parseRegistrationInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(fieldIssues(result.error));
	return result.data;
}

/** Types of the participant's structure (the issue's list; the code is what the API speaks). */
export const PARTICIPANT_STRUCTURE_TYPES = [
	'collectivite',
	'etat',
	'association',
	'tiers-lieu',
	'entreprise',
	'enseignement',
	'autre'
] as const;
export const PARTICIPANT_ROLES = [
	'elu',
	'conseiller-numerique',
	'mediateur-numerique',
	'coordinateur',
	'agent',
	'travailleur-social',
	'benevole',
	'autre'
] as const;
export const ACCESSIBILITY_NEEDS = ['mobility', 'hearing', 'vision', 'quiet'] as const;
export const DIETS = ['vegetarian', 'vegan', 'no-pork', 'gluten-free', 'lactose-free'] as const;
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const SEAT_STATUSES = ['confirmed', 'waitlisted'] as const;
export const REGISTRATION_SOURCES = ['online', 'organiser', 'import', 'walk-in'] as const;
export const QUESTION_KINDS = ['text', 'single', 'multiple', 'yesno'] as const;

export type ParticipantStructureType = (typeof PARTICIPANT_STRUCTURE_TYPES)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type SeatStatus = (typeof SEAT_STATUSES)[number];
export type RegistrationSource = (typeof REGISTRATION_SOURCES)[number];
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** "Élu·e", "elue", "ELU" → "elu-e"…: how a label typed by a person or a spreadsheet is compared. */
export function foldChoice(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[·.•’'_/\s]+/g, '-')
		.replace(/[^a-z0-9-]/g, '')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '');
}

/** French labels and common variants people write, folded, for imports and lenient API clients. */
const STRUCTURE_ALIASES: Record<string, ParticipantStructureType> = {
	'collectivite-territoriale': 'collectivite',
	collectivites: 'collectivite',
	commune: 'collectivite',
	mairie: 'collectivite',
	departement: 'collectivite',
	region: 'collectivite',
	epci: 'collectivite',
	'etat-ou-operateur-public': 'etat',
	'operateur-public': 'etat',
	'service-de-l-etat': 'etat',
	'tiers-lieu-ou-fablab': 'tiers-lieu',
	'tiers-lieux': 'tiers-lieu',
	tierslieu: 'tiers-lieu',
	fablab: 'tiers-lieu',
	'etablissement-scolaire-ou-universitaire': 'enseignement',
	'etablissement-scolaire': 'enseignement',
	universite: 'enseignement',
	ecole: 'enseignement'
};
const ROLE_ALIASES: Record<string, ParticipantRole> = {
	'elu-e': 'elu',
	elue: 'elu',
	elus: 'elu',
	'conseiller-e-numerique': 'conseiller-numerique',
	'conseillere-numerique': 'conseiller-numerique',
	cnfs: 'conseiller-numerique',
	'mediateur-rice-numerique': 'mediateur-numerique',
	'mediatrice-numerique': 'mediateur-numerique',
	mediateur: 'mediateur-numerique',
	mediatrice: 'mediateur-numerique',
	'coordinateur-rice': 'coordinateur',
	coordinatrice: 'coordinateur',
	'agent-e': 'agent',
	agente: 'agent',
	'travailleur-se-social-e': 'travailleur-social',
	'travailleuse-sociale': 'travailleur-social',
	'benevole-s': 'benevole'
};

function choice<T extends string>(values: readonly T[], aliases: Record<string, T>) {
	return z.preprocess(
		(v) => {
			if (typeof v !== 'string') return v;
			const folded = foldChoice(v);
			if ((values as readonly string[]).includes(folded)) return folded;
			return aliases[folded] ?? v;
		},
		z.enum(values as unknown as [T, ...T[]], { error: 'errors.invalidChoice' })
	);
}

export const structureTypeSchema = choice(PARTICIPANT_STRUCTURE_TYPES, STRUCTURE_ALIASES);
export const participantRoleSchema = choice(PARTICIPANT_ROLES, ROLE_ALIASES);

// Markup has no business in a name or a free answer: refusing it keeps exports, badges and any
// page that forgets to escape safe, and tells the person at once rather than storing it.
const MARKUP = /<\s*[a-z!/?]|javascript:/i;
// Control characters are exactly what is refused (built from code points: no-control-regex).
const CONTROL = new RegExp(
	`[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11, 12)}${String.fromCharCode(14)}-${String.fromCharCode(31, 127)}]`
);
const CONTROL_ONE_LINE = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(31, 127)}]`);

/** Text a person types: trimmed, bounded, no markup and no control characters. */
export function safeText(max: number, options: { required?: boolean; multiline?: boolean } = {}) {
	const required = options.required ?? true;
	const control = options.multiline ? CONTROL : CONTROL_ONE_LINE;
	let s = z.string({ error: required ? 'errors.required' : 'errors.invalidType' }).trim();
	if (required) s = s.min(1, { error: 'errors.required' });
	return s
		.max(max, { error: 'errors.tooLong' })
		.refine((v) => !MARKUP.test(v), { error: 'registration.errors.markup' })
		.refine((v) => !control.test(v), { error: 'registration.errors.control' });
}

export const emailSchema = z
	.string({ error: 'errors.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'errors.required' })
	.max(254, { error: 'errors.tooLong' })
	.pipe(z.email({ error: 'errors.email' }));

const inseeCode = z
	.string({ error: 'errors.invalidType' })
	.trim()
	.toUpperCase()
	.max(5, { error: 'errors.inseeCode' })
	.transform((v) => (v === '' ? null : v))
	.nullish()
	.refine((v) => v == null || findCommune(v) !== null, { error: 'errors.inseeCode' });

const departement = z
	.string({ error: 'errors.invalidType' })
	.trim()
	.toUpperCase()
	.max(3, { error: 'registration.errors.departementUnknown' })
	.transform((v) => (v === '' ? null : v))
	.nullish()
	.refine((v) => v == null || findDepartement(v) !== null, { error: 'registration.errors.departementUnknown' });

const idList = (max: number) =>
	z
		.array(z.string({ error: 'errors.invalidType' }).trim().min(1).max(64, { error: 'registration.errors.unknownSession' }), {
			error: 'errors.invalidType'
		})
		.max(max, { error: 'errors.tooManyItems' })
		.transform((ids) => [...new Set(ids)]);

const answerValue = z.union([z.string().max(100_000), z.array(z.string().max(100_000)).max(50), z.boolean()], {
	error: 'errors.invalidType'
});

/** Accessibility needs and their details (health data: they need the express consent). */
export const accessibilitySchema = z
	.object({
		needs: z
			.array(z.enum(ACCESSIBILITY_NEEDS, { error: 'errors.invalidChoice' }))
			.max(10)
			.default([]),
		details: safeText(1000, { required: false, multiline: true }).default('')
	})
	.strict()
	.default({ needs: [], details: '' });

export const dietsSchema = z
	.array(z.enum(DIETS, { error: 'errors.invalidChoice' }))
	.max(10)
	.default([]);

/**
 * What a person (or an organiser on their behalf) sends to register. The same schema serves the
 * public form, `POST /api/v1/events/{slug}/registrations`, manual adds, imports and walk-ins;
 * rules that depend on the event (sessions, half-days, questions, the window) are the service's.
 */
function registrationObject(emailRequired: boolean) {
	return z
		.object({
			firstName: safeText(100),
			lastName: safeText(100),
			email: emailRequired
				? emailSchema.meta({ description: 'Une inscription par adresse et par événement' })
				: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), emailSchema.nullish()),
			structure: z
				.object(
					{ name: safeText(200), type: structureTypeSchema.meta({ enum: [...PARTICIPANT_STRUCTURE_TYPES] }) },
					{ error: 'errors.required' }
				)
				.strict(),
			role: participantRoleSchema.meta({ enum: [...PARTICIPANT_ROLES] }),
			inseeCode: inseeCode.meta({ description: 'Commune (code INSEE du code officiel géographique)' }),
			departement: departement.meta({ description: 'Département (code), déduit de la commune quand elle est donnée' }),
			halfDays: z
				.array(z.string().max(20), { error: 'errors.invalidType' })
				.max(40, { error: 'errors.tooManyItems' })
				.optional()
				.meta({ description: 'Demi-journées présentes, ex. "2027-06-10:am" ; par défaut toutes' }),
			sessionIds: idList(40).default([]).meta({
				description: 'Ateliers choisis (une séance par créneau) ; une séance réservée à certains publics refuse les autres rôles'
			}),
			accessibility: accessibilitySchema.meta({ description: 'Données de santé : les donner demande `consents.sensitive: true`' }),
			meal: z.boolean({ error: 'errors.invalidType' }).default(false),
			diets: dietsSchema,
			dietDetails: safeText(500, { required: false, multiline: true })
				.default('')
				.meta({ description: 'Allergies, intolérances… : données de santé, qui demandent `consents.sensitive: true`' }),
			consents: z
				.object({
					terms: z.boolean({ error: 'registration.errors.termsRequired' }).optional(),
					newsletter: z.boolean({ error: 'errors.invalidType' }).default(false),
					photos: z.boolean({ error: 'errors.invalidType' }).default(false),
					sensitive: z.boolean({ error: 'errors.invalidType' }).default(false).meta({
						description:
							'Accord exprès pour les données de santé (RGPD, article 9) : `true` est requis dès que `accessibility.needs` n’est pas vide, ou que `accessibility.details` ou `dietDetails` (allergies, intolérances) sont remplis ; sinon 422 sur `consents.sensitive`. Les régimes de `diets` seuls ne le demandent pas.'
					})
				})
				.strict()
				.default({ newsletter: false, photos: false, sensitive: false })
				.meta({
					description:
						'`terms: true` est obligatoire en ligne (l’inscription repose sur le contrat) ; `newsletter` et `photos` sont des accords facultatifs et séparés ; `sensitive` est requis dès que des besoins d’accessibilité (`accessibility.needs` ou `accessibility.details`) ou des précisions sur l’alimentation (`dietDetails`) sont donnés'
				}),
			answers: z.record(z.string().max(64), answerValue).default({}).meta({ description: 'Réponses aux questions de l’événement, par id' }),
			lang: z.enum(['fr', 'en']).optional()
		})
		.strict()
		.superRefine((v, ctx) => {
			if (v.inseeCode && v.departement) {
				const commune = findCommune(v.inseeCode);
				if (commune && commune.departement !== v.departement)
					ctx.addIssue({ code: 'custom', path: ['inseeCode'], message: 'registration.errors.communeNotInDepartement' });
			}
			const sensitive = v.accessibility.needs.length > 0 || v.accessibility.details !== '' || v.dietDetails !== '';
			if (sensitive && !v.consents.sensitive)
				ctx.addIssue({ code: 'custom', path: ['consents', 'sensitive'], message: 'registration.errors.sensitiveConsent' });
		});
}

export const registrationInputSchema = registrationObject(true).meta({ id: 'RegistrationCreate' });

/** Walk-ins at the welcome desk: the same, but the e-mail may be left out. */
export const walkInInputSchema = registrationObject(false);

export type RegistrationInput = z.output<typeof walkInInputSchema>;

/** Change of workshops from the private page or by an organiser. */
export const sessionChoiceSchema = z.object({ sessionIds: idList(40) }).strict();

const capacity = z.coerce
	.number({ error: 'errors.integer' })
	.int({ error: 'errors.integer' })
	.min(1, { error: 'errors.tooSmall' })
	.max(100_000, { error: 'errors.tooBig' });

/** The event's registration settings (settings page and, for three of them, `PATCH /events/{slug}`). */
export const registrationSettingsSchema = z
	.object({
		capacity: capacity.nullable().optional(),
		registrationOpensAt: dateTime.nullable().optional(),
		registrationClosesAt: dateTime.nullable().optional(),
		waitlistEnabled: z.boolean({ error: 'errors.invalidType' }).optional(),
		doubleOptIn: z
			.boolean({ error: 'errors.invalidType' })
			.optional()
			.meta({ description: 'Confirmer l’adresse e-mail avant de réserver une place (inscriptions publiques)' }),
		reminders: z
			.object({
				j7: z
					.object({ enabled: z.boolean(), text: safeText(2000, { required: false, multiline: true }) })
					.partial()
					.strict()
					.optional(),
				j1: z
					.object({ enabled: z.boolean(), text: safeText(2000, { required: false, multiline: true }) })
					.partial()
					.strict()
					.optional()
			})
			.strict()
			.optional()
	})
	.strict()
	.meta({ id: 'RegistrationSettingsPatch' });

export type RegistrationSettingsInput = z.output<typeof registrationSettingsSchema>;

/** The three registration fields `PATCH /api/v1/events/{slug}` accepts besides the event's own. */
export const EVENT_PATCH_REGISTRATION_FIELDS = ['capacity', 'registrationOpensAt', 'registrationClosesAt'] as const;

/** A session's registration fields: whether it needs a seat, and how many (null: the room's). */
export const sessionRegistrationSchema = z
	.object({
		capacity: capacity.nullable().optional(),
		requiresRegistration: z.boolean({ error: 'errors.invalidType' }).optional()
	})
	.strict()
	.meta({ id: 'SessionRegistrationPatch' });

/** An organiser's own question. */
export const questionSchema = z
	.object({
		label: safeText(300),
		kind: z.enum(QUESTION_KINDS, { error: 'errors.invalidChoice' }),
		options: z.array(safeText(200)).max(30, { error: 'errors.tooManyItems' }).default([]),
		required: z.boolean().default(false)
	})
	.strict()
	.superRefine((v, ctx) => {
		if ((v.kind === 'single' || v.kind === 'multiple') && v.options.length < 2)
			ctx.addIssue({ code: 'custom', path: ['options'], message: 'registration.errors.optionsNeeded' });
		if (new Set(v.options).size !== v.options.length)
			ctx.addIssue({ code: 'custom', path: ['options'], message: 'registration.errors.optionsDuplicate' });
	});

const registrationResultFields = {
	id: z.string(),
	status: z.enum(['confirmed', 'waitlisted']),
	sessions: z.array(z.object({ id: z.string(), status: z.enum(SEAT_STATUSES) }))
};

/** What `POST /registrations` answers with 201: the registration it created, with its private link's token. */
export const registrationResultSchema = z
	.object({
		...registrationResultFields,
		manageToken: z.string().meta({
			description:
				'Jeton du lien privé, donné cette seule fois : porteur pour GET et DELETE /registrations/{id}, à garder secret comme un mot de passe.'
		})
	})
	.meta({ id: 'Registration' });

/**
 * What `POST /registrations` answers with 200: the same e-mail was already registered for the
 * event, nothing changed, and the private link is never in the answer (knowing someone's address
 * must not open their registration): it goes to that address by e-mail.
 */
export const registrationExistingSchema = z
	.object({
		...registrationResultFields,
		manageToken: z.null().meta({
			description:
				'Toujours null : le lien privé n’est jamais renvoyé à qui connaît seulement l’adresse. Un nouveau lien part par e-mail à cette adresse (au plus une fois toutes les 10 minutes).'
		})
	})
	.meta({ id: 'RegistrationExisting' });

/** What `POST /registrations` answers with 202 when the event asks for double opt-in: nothing held yet. */
export const registrationHeldSchema = z
	.object({
		status: z.literal('pending-confirmation'),
		expiresAt: z.string().meta({ format: 'date-time', description: 'Fin de validité du lien de confirmation envoyé par e-mail' })
	})
	.meta({ id: 'RegistrationHeld' });

/** One participant as organisers list them (`GET /events/{slug}/registrations`). */
export const participantViewSchema = z
	.object({
		id: z.string(),
		status: z.enum(REGISTRATION_STATUSES),
		firstName: z.string(),
		lastName: z.string(),
		email: z.string().nullable(),
		structure: z.object({ name: z.string(), type: z.enum(PARTICIPANT_STRUCTURE_TYPES) }),
		role: z.enum(PARTICIPANT_ROLES),
		inseeCode: z.string().nullable(),
		commune: z.string().nullable(),
		departement: z.string().nullable(),
		halfDays: z.array(z.string()),
		sessions: z.array(z.object({ id: z.string(), status: z.enum(SEAT_STATUSES) })),
		accessibility: z.object({ needs: z.array(z.string()), details: z.string() }),
		meal: z.boolean(),
		diets: z.array(z.string()),
		dietDetails: z.string(),
		consents: z.object({ terms: z.boolean(), newsletter: z.boolean(), photos: z.boolean() }),
		answers: z.record(z.string(), z.unknown()),
		source: z.enum(REGISTRATION_SOURCES),
		checkedIn: z.array(z.object({ halfDay: z.string(), at: z.string() })),
		createdAt: z.string(),
		cancelledAt: z.string().nullable(),
		version: versionField
	})
	.meta({ id: 'Participant' });

/** `GET /registrations/{id}` with the registration's own `manageToken`: what the person sees of it. */
export const ownRegistrationSchema = z
	.object({
		event: z.object({ slug: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() }),
		registration: z.object({
			id: z.string(),
			status: z.enum(REGISTRATION_STATUSES),
			firstName: z.string(),
			lastName: z.string(),
			email: z.string().nullable(),
			structureName: z.string(),
			structureType: z.enum(PARTICIPANT_STRUCTURE_TYPES),
			role: z.enum(PARTICIPANT_ROLES),
			commune: z.string().nullable(),
			departement: z.string().nullable(),
			halfDays: z.array(z.string()),
			seats: z.array(
				z.object({
					sessionId: z.string(),
					title: z.string(),
					startsAt: z.string(),
					endsAt: z.string(),
					room: z.string().nullable(),
					status: z.enum(SEAT_STATUSES),
					position: z.number().int().nullable().meta({ description: 'Rang sur la liste d’attente (1 = la prochaine place libérée)' })
				})
			),
			newsletter: z.boolean(),
			photos: z.boolean()
		})
	})
	.strict()
	.meta({ id: 'OwnRegistration' });

export const statsSchema = z
	.object({
		participants: z.number().int().meta({ description: 'Inscriptions confirmées' }),
		structures: z.number().int().meta({ description: 'Structures distinctes parmi les confirmé·es' }),
		elus: z.number().int(),
		waitlisted: z.number().int(),
		checkedIn: z.number().int().meta({ description: 'Personnes arrivées au moins une demi-journée' }),
		byStructureType: z.record(z.string(), z.number().int()),
		byRole: z.record(z.string(), z.number().int()),
		byDepartement: z.record(z.string(), z.number().int()),
		sessions: z.array(
			z.object({
				id: z.string(),
				title: z.string(),
				capacity: z.number().int().nullable(),
				confirmed: z.number().int(),
				waitlisted: z.number().int(),
				checkedIn: z.number().int()
			})
		)
	})
	.meta({ id: 'RegistrationStats' });
