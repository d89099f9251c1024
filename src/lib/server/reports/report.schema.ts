/**
 * Inputs of the report (review, choices, publication, syntheses, check-ins through the API) and
 * the shape of the report's JSON: one zod schema each, shared by forms, API and OpenAPI.
 */
import { z } from 'zod';
import { ValidationError, toFieldIssues, type FieldIssue } from '../validation.ts';

export const REPORT_SECTIONS = [
	'framing',
	'preparation',
	'budget',
	'programme',
	'participation',
	'satisfaction',
	'verbatims',
	'review',
	'contacts'
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Themes offered for the review; organisers may type their own. */
export const REVIEW_THEMES = ['logistique', 'communication', 'contenu'] as const;

// Markup has no business in the report's words: refusing it keeps the PDF, the public page and
// the open data safe, and tells the person at once rather than storing it.
const MARKUP = /<\s*[a-z!/?]|javascript:/i;
const CONTROL = new RegExp(
	`[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11, 12)}${String.fromCharCode(14)}-${String.fromCharCode(31, 127)}]`
);

/** Typed text: trimmed, bounded, not empty unless allowed, no markup, no control characters. */
export function reportText(max: number, options: { required?: boolean } = {}) {
	const required = options.required ?? true;
	let s = z.string({ error: required ? 'errors.required' : 'errors.invalidType' }).trim();
	if (required) s = s.min(1, { error: 'errors.required' });
	return s
		.max(max, { error: 'errors.tooLong' })
		.refine((v) => !MARKUP.test(v), { error: 'reports.errors.markup' })
		.refine((v) => !CONTROL.test(v), { error: 'reports.errors.control' });
}

const reviewItem = z.object({ theme: reportText(60), text: reportText(2000) }).strict();

export const reviewInputSchema = z
	.object({
		toImprove: z.array(reviewItem, { error: 'errors.invalidType' }).max(100, { error: 'errors.tooManyItems' }).default([]),
		toKeep: z.array(reviewItem, { error: 'errors.invalidType' }).max(100, { error: 'errors.tooManyItems' }).default([])
	})
	.strict()
	.meta({ description: 'Le regard des organisateur·ices : « à améliorer » et « à conserver », par thème' });
export type ReviewInput = z.output<typeof reviewInputSchema>;

export const reportSettingsInputSchema = z
	.object({
		hiddenSections: z
			.array(z.enum(REPORT_SECTIONS, { error: 'errors.invalidChoice' }))
			.max(REPORT_SECTIONS.length)
			.default([]),
		texts: z.partialRecord(z.enum(REPORT_SECTIONS, { error: 'errors.invalidChoice' }), reportText(20_000, { required: false })).default({}),
		showPerSession: z.boolean({ error: 'errors.invalidType' }).default(true),
		verbatims: z.array(reportText(2000), { error: 'errors.invalidType' }).max(30, { error: 'errors.tooManyItems' }).default([])
	})
	.strict();
export type ReportSettingsInput = z.output<typeof reportSettingsInputSchema>;

/**
 * Who signs the certificates, through the API: the name, and optionally the signature image
 * (PNG or JPEG) in base64, `null` to keep the current one; the form sends the same as a file.
 */
export const signatoryInputSchema = z
	.object({
		signatory: z.string({ error: 'errors.required' }).max(200),
		signature: z
			.string({ error: 'errors.invalidType' })
			.nullable()
			.default(null)
			.meta({ description: 'Image PNG ou JPEG en base64 (le corps JSON pèse 1 Mo au plus) ; null garde l’image actuelle' })
	})
	.strict();

export const reportPublishSchema = z.object({ published: z.boolean({ error: 'errors.invalidType' }) }).strict();

export const synthesisInputSchema = z
	.object({
		sections: z
			.array(
				z
					.object({
						title: reportText(120),
						points: z
							.array(reportText(1000), { error: 'errors.invalidType' })
							.min(1, { error: 'reports.errors.noPoint' })
							.max(50, { error: 'errors.tooManyItems' })
					})
					.strict(),
				{ error: 'errors.invalidType' }
			)
			.max(12, { error: 'errors.tooManyItems' }),
		recordingUrl: z
			.string({ error: 'errors.invalidType' })
			.trim()
			.max(500, { error: 'errors.tooLong' })
			.transform((v) => (v === '' ? null : v))
			.pipe(z.url({ protocol: /^https?$/, error: 'errors.url' }).nullable())
			.nullish()
	})
	.strict()
	.meta({ description: 'Synthèse structurée d’une session : des sections (« Prérequis », « Moyens », « Actions »…) de points' });
export type SynthesisInput = z.output<typeof synthesisInputSchema>;

export const checkinInputSchema = z
	.object({
		registrationId: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }).max(64, { error: 'errors.tooLong' }),
		halfDay: z
			.string({ error: 'errors.required' })
			.regex(/^\d{4}-\d{2}-\d{2}:(am|pm)$/, { error: 'reports.errors.halfDay' })
			.meta({ description: '« AAAA-MM-JJ:am » (matin) ou « AAAA-MM-JJ:pm » (après-midi)' })
	})
	.strict();

const OWN_KEY = /^reports\.errors\./;

/** Parses `input` with `schema` or throws a ValidationError with every problem (own keys kept). */
export function parseReportInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issues: FieldIssue[] = toFieldIssues(result.error).map((issue, i) => {
		const original = result.error.issues[i]?.message ?? '';
		return OWN_KEY.test(original) ? { ...issue, message: original } : issue;
	});
	throw new ValidationError(issues);
}

// ——— Output ———

const counts = z.record(z.string(), z.number().int());
const reviewItemView = z.object({ theme: z.string(), text: z.string() });

export const surveyResultsSchema = z.object({
	invited: z.number().int(),
	responses: z.number().int(),
	responseRate: z.number().nullable().meta({ description: 'Réponses ÷ invité·es, entre 0 et 1 ; null sans invité·e' }),
	questions: z.array(
		z.object({
			id: z.string(),
			label: z.string(),
			type: z.string(),
			count: z.number().int(),
			average: z.number().nullable().optional(),
			distribution: z.record(z.string(), z.number())
		})
	),
	sessions: z
		.array(z.object({ id: z.string(), title: z.string(), count: z.number().int(), average: z.number().nullable() }))
		.meta({ description: 'Notes par session ; vide dans le bilan public quand les chiffres par session ne sont pas montrés' }),
	overall: z.number().nullable().meta({
		description:
			'Satisfaction d’ensemble sur 5 : la ou les questions de satisfaction générale (1–5, une question 0–10 ramenée sur 5) ; null sans réponse'
	})
});

const figuresSchema = z.object({
	registered: z.number().int(),
	attended: z.number().int(),
	structures: z.number().int(),
	elus: z.number().int(),
	satisfaction: z.number().nullable().meta({ description: 'Satisfaction d’ensemble sur 5 (voir satisfaction.overall)' })
});

const venueSchema = z.object({ name: z.string().nullable(), address: z.string().nullable(), commune: z.string().nullable() });

export const reportViewSchema = z
	.object({
		event: z.object({
			slug: z.string(),
			title: z.string(),
			edition: z.number().int().nullable(),
			startsAt: z.string().meta({ format: 'date-time' }),
			endsAt: z.string().meta({ format: 'date-time' }),
			halfDays: z.number().int().meta({ description: 'Demi-journées qui ont au moins une session' }),
			duration: z.string().meta({ description: 'La durée comme on la dit : « 1 journée et demie »' }),
			format: z.string(),
			themes: z.array(z.string()),
			venue: venueSchema,
			organisers: z.array(z.object({ name: z.string(), type: z.string(), role: z.string() }))
		}),
		preparation: z.object({
			startedOn: z
				.string()
				.meta({ format: 'date', description: 'Le plus tôt de la première réunion, du premier temps saisi et de la création' }),
			months: z.number().int().meta({ description: 'Mois entiers de startedOn au début, arrondis' }),
			hours: z.number().meta({ description: 'Somme du temps saisi, en heures' }),
			meetings: z.number().int(),
			people: z.number().int().meta({ description: 'Membres du comité qui sont des personnes' }),
			timeline: z.array(z.object({ date: z.string().meta({ format: 'date' }), label: z.string(), kind: z.enum(['milestone', 'meeting']) }))
		}),
		budget: z.object({
			lines: z.number().int(),
			chargesCents: z.number().int(),
			produitsCents: z.number().int(),
			chargesActualCents: z.number().int(),
			produitsActualCents: z.number().int(),
			balanced: z.boolean(),
			balanceCents: z.number().int().meta({ description: 'Produits − charges prévus' }),
			funders: z.array(z.object({ funder: z.string(), plannedCents: z.number().int(), actualCents: z.number().int() }))
		}),
		programme: z.object({
			sessions: z.number().int(),
			rooms: z.number().int(),
			speakers: z.number().int(),
			byFormat: counts,
			items: z.array(
				z.object({
					id: z.string(),
					title: z.string(),
					format: z.string(),
					startsAt: z.string(),
					endsAt: z.string(),
					room: z.string().nullable(),
					description: z.string(),
					speakers: z.array(z.object({ name: z.string(), organisation: z.string() })),
					resources: z.array(z.object({ title: z.string(), url: z.string().nullable() })),
					recordingUrl: z.string().nullable(),
					synthesis: z.array(z.object({ title: z.string(), points: z.array(z.string()) }))
				})
			)
		}),
		participation: z.object({
			registered: z.number().int().meta({ description: 'Inscriptions confirmées' }),
			attended: z.number().int().meta({ description: 'Personnes pointées au moins une fois' }),
			structures: z.number().int().meta({ description: 'Structures distinctes parmi elles (nom normalisé et commune)' }),
			elus: z.number().int(),
			byStructureType: counts,
			byRole: counts,
			byDepartement: counts,
			perHalfDay: z.array(z.object({ halfDay: z.string(), registered: z.number().int(), attended: z.number().int() })),
			perSession: z.array(z.object({ id: z.string(), title: z.string(), registered: z.number().int(), attended: z.number().int() }))
		}),
		satisfaction: surveyResultsSchema.nullable().meta({ description: 'null tant qu’aucun questionnaire n’existe' }),
		verbatims: z.array(z.string()),
		review: z.object({ toImprove: z.array(reviewItemView), toKeep: z.array(reviewItemView) }),
		published: z.boolean(),
		hiddenSections: z.array(z.enum(REPORT_SECTIONS)),
		texts: z.record(z.string(), z.string()),
		previousEdition: z
			.object({ slug: z.string(), title: z.string(), figures: figuresSchema })
			.nullable()
			.meta({ description: 'L’édition dont celle-ci a été préparée, et ses chiffres pour comparer' }),
		previousGroups: z
			.array(
				z.object({
					title: z.string(),
					purpose: z.string(),
					status: z.string().meta({ description: 'active | closed' }),
					nextStatus: z.string().nullable().meta({ description: 'continues | completed | paused ; null : pas encore dit' }),
					outputs: z.string()
				})
			)
			.meta({ description: 'Suites de l’édition précédente : ses groupes de travail (champs publics seulement, jamais leurs membres)' })
	})
	.meta({ description: 'Le bilan, calculé à chaque lecture. Public (sans jeton) une fois publié, sans donnée personnelle.' });
/** The whole report, as the organisers read it: every section filled. */
export type ReportView = z.output<typeof reportViewSchema>;

const full = reportViewSchema.shape;
const hidden = 'null dans le bilan public quand les organisateur·ices masquent cette section';

/**
 * The report as the API returns it: the organisers' version, or the public one, in which every
 * section the organisers hid is null (its lists empty), so that nothing hidden leaves the server.
 */
export const reportApiViewSchema = reportViewSchema
	.extend({
		event: full.event.extend({
			format: full.event.shape.format.nullable().meta({ description: `Format ; ${hidden} « cadrage »` }),
			venue: venueSchema.nullable().meta({ description: `Lieu ; ${hidden} « cadrage »` })
		}),
		preparation: full.preparation.nullable().meta({ description: hidden }),
		budget: full.budget.nullable().meta({ description: hidden }),
		programme: full.programme.nullable().meta({ description: hidden }),
		participation: full.participation.nullable().meta({ description: hidden }),
		satisfaction: surveyResultsSchema.nullable().meta({ description: `null tant qu’aucun questionnaire n’existe ; ${hidden}` }),
		previousEdition: z
			.object({
				slug: z.string(),
				title: z.string(),
				figures: figuresSchema.extend({
					registered: z.number().int().nullable(),
					attended: z.number().int().nullable(),
					structures: z.number().int().nullable(),
					elus: z.number().int().nullable()
				})
			})
			.nullable()
			.meta({
				description: 'L’édition dont celle-ci a été préparée, et ses chiffres pour comparer (null ceux d’une section masquée, en public)'
			})
	})
	.meta({
		description: 'Le bilan, calculé à chaque lecture. Public (sans jeton) une fois publié, sans donnée personnelle ni section masquée.'
	});
/** The report an outside reader may get: the public version's hidden sections are null. */
export type PublicReportView = z.output<typeof reportApiViewSchema>;
