/**
 * Inputs of the satisfaction survey: the survey as the organisers build it (one schema for the
 * builder page and `PUT …/survey`), the shape of an answer (`POST …/survey/responses`), and the
 * views the API returns. An answer's values depend on the questions: `survey.rules.ts` checks them.
 */
import { z } from 'zod';
import { dateTime } from '../events/event.schema.ts';
import { safeText } from '../registrations/registration.schema.ts';
import { evenWithFieldErrors } from '../planning/prep-validation.ts';
import { ValidationError, toFieldIssues, type FieldIssue } from '../validation.ts';
import { versionField } from '../edit-version.ts';

export const SURVEY_QUESTION_TYPES = ['scale5', 'scale10', 'single', 'multiple', 'yesno', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];

/** The most a free-text answer may hold: a long comment, far from a pasted document. */
export const ANSWER_TEXT_MAX = 5000;

/** Zod's issues as field issues, keeping this area's own keys (`surveys.errors.*`, `registration.errors.*`). */
export function surveyIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.flatMap((issue) => {
		const own = toFieldIssues(new z.ZodError([issue]));
		return /^(surveys|registration)\.errors\./.test(issue.message) ? own.map((i) => ({ ...i, message: issue.message })) : own;
	});
}

export function parseSurveyInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(surveyIssues(result.error));
	return result.data;
}

const CHOICE_TYPES = new Set<string>(['single', 'multiple']);

export const surveyQuestionInputSchema = z
	.object({
		id: z
			.string()
			.regex(/^[0-9a-f-]{36}$/i, { error: 'errors.invalid' })
			.optional()
			.meta({ description: 'Id d’une question existante, pour la garder (et ses réponses) ; absent pour une nouvelle question' }),
		position: z
			.number()
			.optional()
			.meta({ description: 'Ignoré (l’ordre est celui de la liste) : accepté pour renvoyer tel quel ce que GET a donné' }),
		section: safeText(200, { required: false }).default('').meta({ description: 'Titre de la partie que la question ouvre' }),
		label: safeText(300),
		type: z.enum(SURVEY_QUESTION_TYPES, { error: 'errors.invalidChoice' }),
		options: z.array(safeText(200)).max(30, { error: 'errors.tooManyItems' }).default([]),
		required: z.boolean({ error: 'errors.invalidType' }).default(false),
		perSession: z
			.boolean({ error: 'errors.invalidType' })
			.default(false)
			.meta({ description: 'Posée pour chaque séance suivie par la personne' })
	})
	.strict()
	.superRefine((q, ctx) => {
		if (CHOICE_TYPES.has(q.type)) {
			if (q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'surveys.errors.optionsNeeded' });
			if (new Set(q.options.map((o) => o.toLowerCase())).size !== q.options.length)
				ctx.addIssue({ code: 'custom', path: ['options'], message: 'surveys.errors.optionsDuplicate' });
		} else if (q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'surveys.errors.optionsUnused' });
	});

export type SurveyQuestionInput = z.output<typeof surveyQuestionInputSchema>;

export const surveyInputSchema = z
	.object({
		title: safeText(200),
		intro: safeText(2000, { required: false, multiline: true }).default(''),
		anonymous: z
			.boolean({ error: 'errors.invalidType' })
			.default(true)
			.meta({ description: 'Anonyme (par défaut) : les réponses ne sont liées à personne ; seul « a répondu » est gardé' }),
		opensAt: dateTime.nullable().default(null).meta({ description: 'Ouverture ; null : ouvert dès maintenant' }),
		closesAt: dateTime.nullable().default(null).meta({ description: 'Fermeture ; null : jamais fermé' }),
		speakersSee: z.boolean({ error: 'errors.invalidType' }).default(false).meta({
			description: 'Les intervenant·es voient les retours sur leurs séances, depuis leur lien privé, une fois le questionnaire fermé'
		}),
		questions: z.array(surveyQuestionInputSchema).min(1, { error: 'surveys.errors.noQuestion' }).max(60, { error: 'errors.tooManyItems' })
	})
	.strict()
	.superRefine((s, ctx) => {
		// Also run when another field failed (every problem at once): the dates may then be raw.
		const [opens, closes] = [Date.parse(String(s.opensAt)), Date.parse(String(s.closesAt))];
		if (s.opensAt && s.closesAt && closes <= opens) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'errors.endBeforeStart' });
		const ids = Array.isArray(s.questions) ? s.questions.map((q) => q?.id).filter(Boolean) : [];
		if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['questions'], message: 'surveys.errors.duplicateId' });
	}, evenWithFieldErrors);

export type SurveyInput = z.output<typeof surveyInputSchema>;

// What one answer may be, as documented (`null`, a question left blank, is said in the description);
// the service checks each value against its question.
const answerValue = {
	anyOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }]
};

export const surveyResponseInputSchema = z
	.object({
		answers: z.record(z.string().max(64), z.unknown()).default({}).meta({
			description:
				'Réponses par id de question : un entier (échelles), true/false (oui/non), le texte de l’option (choix unique), une liste de textes d’options (choix multiple), du texte ; `null` ou absente : sans réponse',
			additionalProperties: answerValue
		}),
		sessions: z
			.record(z.string().max(64), z.record(z.string().max(64), z.unknown()))
			.default({})
			.meta({
				description: 'Retours par séance (id de séance) : `rating` (1–5) et `comment`, ou l’id d’une question « par séance » et sa valeur'
			})
	})
	.strict();

export type SurveyResponseInput = z.output<typeof surveyResponseInputSchema>;

const questionView = z.object({
	id: z.string(),
	position: z.number(),
	section: z.string(),
	label: z.string(),
	type: z.enum(SURVEY_QUESTION_TYPES),
	options: z.array(z.string()),
	required: z.boolean(),
	perSession: z.boolean()
});

export const surveyViewSchema = z.object({
	id: z.string(),
	eventId: z.string(),
	title: z.string(),
	intro: z.string(),
	anonymous: z.boolean(),
	opensAt: z.string().nullable(),
	closesAt: z.string().nullable(),
	speakersSee: z.boolean(),
	status: z.enum(['upcoming', 'open', 'closed']),
	questions: z.array(questionView),
	version: versionField
});

export type SurveyView = z.output<typeof surveyViewSchema>;
export type SurveyQuestionView = z.output<typeof questionView>;

export const surveyResultsSchema = z.object({
	invited: z
		.number()
		.meta({ description: 'Personnes venues (pointées au moins une fois) ; sans aucun pointage : les inscriptions confirmées' }),
	responses: z.number().meta({ description: 'Réponses reçues, importées comprises' }),
	responseRate: z.number().meta({ description: 'responses / invited, entre 0 et 1 (3 décimales) ; 0 sans invité' }),
	questions: z.array(
		z.object({
			id: z.string(),
			label: z.string(),
			type: z.enum(SURVEY_QUESTION_TYPES),
			section: z.string(),
			perSession: z.boolean(),
			count: z.number(),
			average: z.number().nullable().meta({ description: 'Échelles seulement (2 décimales), sinon null' }),
			distribution: z.record(z.string(), z.number()),
			texts: z.array(z.string()).meta({ description: 'Questions à texte libre : les réponses, sinon vide' })
		})
	),
	sessions: z.array(
		z.object({
			id: z.string(),
			title: z.string(),
			count: z.number(),
			average: z.number().nullable(),
			comments: z.array(z.string())
		})
	)
});

export type SurveyResults = z.output<typeof surveyResultsSchema>;
