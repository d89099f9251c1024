/**
 * The answers of the endpoints that give the API what the organisers' screens do (team,
 * registration settings and questions, logistics checklist, walk-ins, audit log): zod schemas of
 * what the routes send, the very objects the conformance test validates real answers against.
 */
import { z } from 'zod';
import { versionField } from '../edit-version.ts';
import { QUESTION_KINDS } from '../registrations/registration.schema.ts';
import { LOGISTICS_CATEGORIES } from '../planning/planning.schema.ts';
import { TASK_STATUSES } from '../planning/planning.rules.ts';

const EVENT_ROLES = ['owner', 'organiser', 'readonly'] as const;
const isoDateTime = () => z.string().meta({ format: 'date-time' });

export const teamMemberViewSchema = z
	.object({
		userId: z.string(),
		email: z.string(),
		name: z.string(),
		role: z.enum(EVENT_ROLES),
		since: isoDateTime(),
		version: versionField
	})
	.strict()
	.meta({ id: 'TeamMember' });

export const teamInvitedViewSchema = z
	.object({ userId: z.string(), email: z.string(), role: z.enum(EVENT_ROLES), outcome: z.enum(['added', 'changed']) })
	.strict()
	.meta({ id: 'TeamInvited' });

const reminderSchema = z.object({ enabled: z.boolean(), text: z.string() }).strict();

export const registrationQuestionViewSchema = z
	.object({
		id: z.string(),
		label: z.string(),
		kind: z.enum(QUESTION_KINDS),
		options: z.array(z.string()),
		required: z.boolean(),
		position: z.number().int()
	})
	.strict()
	.meta({ id: 'RegistrationQuestion' });

export const registrationSettingsViewSchema = z
	.object({
		capacity: z.number().int().nullable(),
		registrationOpensAt: isoDateTime().nullable(),
		registrationClosesAt: isoDateTime().nullable(),
		closesAt: isoDateTime().meta({ description: 'Clôture effective : le réglage, sinon la fin de l’événement' }),
		waitlistEnabled: z.boolean(),
		doubleOptIn: z.boolean().meta({ description: 'Les inscriptions publiques attendent la confirmation de l’adresse e-mail' }),
		reminders: z.object({ j7: reminderSchema, j1: reminderSchema }).strict(),
		confirmed: z.number().int(),
		waiting: z.number().int(),
		questions: z.array(registrationQuestionViewSchema),
		warning: z
			.object({ confirmed: z.number().int() })
			.strict()
			.nullable()
			.meta({ description: 'Après un PATCH : la jauge est sous le nombre d’inscrit·es confirmé·es (personne n’est désinscrit)' }),
		version: versionField
	})
	.strict()
	.meta({ id: 'RegistrationSettings' });

export const checklistItemViewSchema = z
	.object({
		id: z.string(),
		category: z.enum(LOGISTICS_CATEGORIES),
		title: z.string(),
		capacity: z.number().int().nullable(),
		dueDate: z.string().nullable().meta({ format: 'date' }),
		offsetDays: z.number().int().nullable(),
		status: z.enum(TASK_STATUSES),
		owner: z
			.object({ type: z.enum(['member', 'committee']), id: z.string(), name: z.string() })
			.strict()
			.nullable(),
		notes: z.string(),
		late: z.boolean(),
		version: versionField
	})
	.strict()
	.meta({ id: 'ChecklistItem' });

export const auditPageViewSchema = z
	.object({
		entries: z.array(
			z
				.object({
					id: z.string(),
					at: isoDateTime(),
					actorId: z.string().nullable(),
					actor: z.string(),
					eventId: z.string().nullable(),
					event: z.string(),
					action: z.string(),
					subject: z.string(),
					details: z.record(z.string(), z.unknown())
				})
				.strict()
		),
		total: z.number().int(),
		page: z.number().int(),
		pages: z.number().int(),
		actions: z.array(z.string()),
		action: z.string().nullable()
	})
	.strict()
	.meta({ id: 'AuditLogPage' });
