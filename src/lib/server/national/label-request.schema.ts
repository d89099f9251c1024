import { z } from 'zod';
import { versionField } from '../edit-version.ts';

/** Where a label request stands; `granted` and `refused` are final. */
export const LABEL_REQUEST_STATUSES = ['requested', 'under_review', 'granted', 'refused', 'more_information'] as const;
export type LabelRequestStatus = (typeof LABEL_REQUEST_STATUSES)[number];

/** What a reviewer may decide (`under_review`: they take the request, the organisers are told). */
export const LABEL_DECISIONS = ['under_review', 'granted', 'refused', 'more_information'] as const;
export type LabelDecision = (typeof LABEL_DECISIONS)[number];

/** The help the programme offers a labelled event, as the organisers ask for it. */
export const LABEL_SUPPORTS = ['guide', 'communication-kit', 'promotion', 'national-speakers', 'funding'] as const;

const message = z.string({ error: 'errors.invalidType' }).trim().max(5000, { error: 'errors.tooLong' });

/** The organisers' request: the rest (dates, place, axes, organisers, programme, budget) is read from the event. */
export const labelRequestInputSchema = z
	.strictObject({
		expectedAudience: z.coerce
			.number({ error: 'errors.integer' })
			.int({ error: 'errors.integer' })
			.min(1, { error: 'errors.tooSmall' })
			.max(100_000, { error: 'errors.tooBig' })
			.nullish(),
		requestedSupport: z
			.array(z.enum(LABEL_SUPPORTS, { error: 'errors.invalidChoice' }))
			.max(LABEL_SUPPORTS.length)
			.optional(),
		message: message.optional()
	})
	.meta({ description: 'Demande du label NEC ; le reste est lu dans l’événement' });
export type LabelRequestInput = z.output<typeof labelRequestInputSchema>;

/** A reviewer's decision; a message to the organisers is required except to take the request. */
export const labelDecisionSchema = z
	.strictObject({
		decision: z.enum(LABEL_DECISIONS, { error: 'errors.invalidChoice' }),
		message: message.optional().default('')
	})
	.superRefine((v, ctx) => {
		if (v.decision !== 'under_review' && v.message.length === 0)
			ctx.addIssue({ code: 'custom', path: ['message'], message: 'errors.required' });
	})
	.meta({ description: 'Décision d’un·e relecteur·rice national·e, avec un message aux organisateurs' });
export type LabelDecisionInput = z.output<typeof labelDecisionSchema>;

export const labelRequestStepSchema = z.object({
	at: z.string(),
	actor: z.string(),
	status: z.enum(LABEL_REQUEST_STATUSES),
	message: z.string()
});

export const labelRequestViewSchema = z
	.object({
		id: z.string(),
		status: z.enum(LABEL_REQUEST_STATUSES),
		requestedOn: z.string().meta({ description: 'Jour (Paris) de la dernière demande' }),
		late: z.boolean().meta({ description: 'Demandé moins de 4 mois avant l’événement' }),
		deadline: z.string(),
		expectedAudience: z.number().nullable(),
		requestedSupport: z.array(z.string()),
		event: z.object({
			slug: z.string(),
			title: z.string(),
			url: z.string(),
			startsAt: z.string(),
			endsAt: z.string(),
			format: z.string(),
			status: z.string(),
			commune: z.string().nullable(),
			departement: z.string().nullable(),
			themes: z.array(z.string()),
			organisers: z.array(z.object({ name: z.string(), type: z.string(), role: z.string() })),
			programme: z.array(z.string()).meta({ description: 'Titres des sessions du programme provisoire' }),
			budget: z.object({ chargesPlannedCents: z.number(), produitsPlannedCents: z.number() })
		}),
		history: z.array(labelRequestStepSchema),
		createdAt: z.string(),
		updatedAt: z.string(),
		version: versionField
	})
	.meta({ description: 'Une demande de label et son historique' });
export type LabelRequestView = z.output<typeof labelRequestViewSchema>;
