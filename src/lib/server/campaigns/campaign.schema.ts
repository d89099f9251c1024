import { z } from 'zod';
import { versionField } from '../edit-version.ts';
import { dateTime } from '../events/event.schema.ts';
import { CAMPAIGN_KINDS, REGISTRATION_STATUSES } from './campaign.templates.ts';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sent', 'cancelled'] as const;
export const ANCHORS = ['start', 'end', 'fixed', 'manual', 'report'] as const;

export const audienceSchema = z
	.strictObject({
		lists: z.array(z.string().max(64)).max(50).default([]),
		registrations: z.array(z.enum(REGISTRATION_STATUSES)).max(3).default([]),
		attended: z.boolean().default(false),
		attendedHalfDays: z
			.array(z.string().regex(/^\d{4}-\d{2}-\d{2}:(am|pm)$/))
			.max(28)
			.default([]),
		attendedSessions: z.array(z.string().max(64)).max(200).default([]).meta({
			description:
				'Avec `attended` : les personnes venues à l’une de ces séances (place confirmée et pointée sur la demi-journée de la séance ; sans inscription à la séance : pointée sur sa demi-journée)'
		}),
		absent: z.boolean().default(false),
		surveyNonRespondents: z.boolean().default(false),
		speakers: z.boolean().default(false),
		team: z.boolean().default(false),
		excludeRegistered: z.boolean().default(false)
	})
	.meta({ description: 'Destinataires : l’union des publics cochés, dédoublonnée par adresse, sans les adresses désabonnées' });

export const scheduleSchema = z
	.strictObject({
		anchor: z.enum(ANCHORS).meta({
			description:
				'`start` / `end` : décalage en jours depuis le premier / dernier jour (heure de Paris) ; `fixed` : à `fixedAt` ; `manual` : envoyé à la main ; `report` : dès que le bilan est publié'
		}),
		offsetDays: z.number().int({ error: 'errors.integer' }).min(-1000).max(1000).nullish(),
		sendTime: z
			.string()
			.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'campaigns.errors.sendTime' })
			.default('09:00'),
		fixedAt: dateTime.nullish()
	})
	.superRefine((s, ctx) => {
		if ((s.anchor === 'start' || s.anchor === 'end') && (s.offsetDays === null || s.offsetDays === undefined))
			ctx.addIssue({ code: 'custom', path: ['offsetDays'], message: 'errors.required' });
		if (s.anchor === 'fixed' && !s.fixedAt) ctx.addIssue({ code: 'custom', path: ['fixedAt'], message: 'errors.required' });
	});

export const campaignInputSchema = z.strictObject({
	kind: z.enum(CAMPAIGN_KINDS),
	name: z.string().trim().min(1).max(120).optional(),
	subject: z.string().trim().min(1).max(200).optional(),
	body: z.string().trim().min(1).max(20_000).optional(),
	audience: audienceSchema.optional(),
	schedule: scheduleSchema.optional(),
	status: z.enum(['draft', 'scheduled']).default('draft').meta({ description: '`scheduled` : envoyée seule à son heure' })
});

export const campaignPatchSchema = z.strictObject({
	name: z.string().trim().min(1).max(120).optional(),
	subject: z.string().trim().min(1).max(200).optional(),
	body: z.string().trim().min(1).max(20_000).optional(),
	audience: audienceSchema.optional(),
	schedule: scheduleSchema.optional(),
	status: z.enum(['draft', 'scheduled']).optional()
});

export const campaignViewSchema = z.object({
	id: z.string(),
	kind: z.enum(CAMPAIGN_KINDS),
	name: z.string(),
	subject: z.string(),
	body: z.string(),
	audience: audienceSchema,
	schedule: z.object({
		anchor: z.enum(ANCHORS),
		offsetDays: z.number().int().nullable(),
		sendTime: z.string(),
		fixedAt: z.string().nullable()
	}),
	status: z.enum(CAMPAIGN_STATUSES),
	/** When it goes (or went), from the event's current dates; null for a manual one not sent. */
	sendAt: z.string().nullable(),
	queuedAt: z.string().nullable(),
	version: versionField,
	taskId: z.string().nullable(),
	stats: z.object({
		recipients: z.number().int(),
		sent: z.number().int(),
		waiting: z.number().int(),
		failed: z.number().int(),
		unsubscribed: z.number().int()
	})
});
