import { z } from 'zod';
import { versionField } from '../edit-version.ts';
import { MAX_OFFSET_DAYS, PHASES, TASK_KINDS, TASK_STATUSES } from './planning.rules.ts';
import { evenWithFieldErrors, isoDay, plainText, requiredText, rowId } from './prep-validation.ts';
import { COMMITTEE_ROLES, LOGISTICS_CATEGORIES } from '../../ui/planning-vocabulary.ts';

export { COMMITTEE_ROLES, LOGISTICS_CATEGORIES };

export const COMMITTEE_KINDS = ['structure', 'person'] as const;
export const TIME_UNITS = ['hours', 'days'] as const;

/** Who is in charge: a member of the event's team (an account) or a member of the committee. */
export const ownerRefSchema = z
	.object({
		type: z.enum(['member', 'committee'], { error: 'errors.invalidChoice' }),
		id: rowId
	})
	.strict()
	.meta({ description: 'Responsable : membre de l’équipe (member, id du compte) ou du comité (committee, id du membre)' });

const offsetDays = z
	.number({ error: 'planning.errors.offsetInvalid' })
	.int({ error: 'planning.errors.offsetInvalid' })
	.min(-MAX_OFFSET_DAYS, { error: 'planning.errors.offsetInvalid' })
	.max(MAX_OFFSET_DAYS, { error: 'planning.errors.offsetInvalid' })
	.meta({ description: 'Jours calendaires depuis le premier jour de l’événement : −180 pour J−180, 7 pour J+7' });

const timingFields = {
	offsetDays: offsetDays.nullish(),
	dueDate: isoDay.nullish()
};

/** A task is dated one way: relative to the event, or on a fixed day; never both, never neither. */
function checkTiming(v: { offsetDays?: number | null; dueDate?: string | null }, ctx: z.RefinementCtx, required: boolean) {
	const hasOffset = v.offsetDays !== null && v.offsetDays !== undefined;
	const hasDate = v.dueDate !== null && v.dueDate !== undefined;
	if (hasOffset && hasDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'planning.errors.timingBoth' });
	else if (required && !hasOffset && !hasDate)
		ctx.addIssue({ code: 'custom', path: ['offsetDays'], message: 'planning.errors.timingMissing' });
}

/** Input of "add a task or milestone" and of "change it" (the whole task). */
export const taskInputSchema = z
	.object({
		title: requiredText(200),
		kind: z.enum(TASK_KINDS, { error: 'errors.invalidChoice' }).default('task'),
		phase: z.enum(PHASES, { error: 'errors.invalidChoice' }),
		...timingFields,
		status: z.enum(TASK_STATUSES, { error: 'errors.invalidChoice' }).default('todo'),
		owner: ownerRefSchema.nullish(),
		notes: plainText(5000).default('')
	})
	.strict()
	.superRefine((v, ctx) => checkTiming(v, ctx, true), evenWithFieldErrors)
	.meta({ id: 'TaskInput' });

export type TaskInput = z.output<typeof taskInputSchema>;

/** A task as `GET /api/v1/events/{slug}/tasks` returns it. */
export const taskViewSchema = z
	.object({
		id: z.string(),
		title: z.string(),
		kind: z.enum(TASK_KINDS),
		phase: z.enum(PHASES),
		dueDate: z
			.string()
			.meta({ format: 'date', description: 'Échéance (AAAA-MM-JJ), calculée à partir du premier jour pour une tâche relative' }),
		offsetDays: z
			.number()
			.int()
			.nullable()
			.meta({ description: 'Décalage en jours par rapport au premier jour ; null pour une date fixe' }),
		status: z.enum(TASK_STATUSES),
		owner: z.object({ type: z.enum(['member', 'committee']), id: z.string(), name: z.string() }).nullable(),
		notes: z.string(),
		late: z.boolean(),
		version: versionField
	})
	.meta({ id: 'Task' });

export const committeeMemberInputSchema = z
	.object({
		kind: z.enum(COMMITTEE_KINDS, { error: 'errors.invalidChoice' }),
		name: requiredText(200),
		structureId: rowId.nullish(),
		roles: z
			.array(z.enum(COMMITTEE_ROLES, { error: 'errors.invalidChoice' }), { error: 'errors.invalidType' })
			.max(COMMITTEE_ROLES.length)
			.default([]),
		customRole: plainText(120).default(''),
		email: z
			.string({ error: 'errors.invalidType' })
			.trim()
			.toLowerCase()
			.max(254, { error: 'errors.tooLong' })
			.transform((v) => (v === '' ? null : v))
			.pipe(z.email({ error: 'errors.email' }).nullable())
			.nullish(),
		notes: plainText(5000).default('')
	})
	.strict()
	.superRefine((v, ctx) => {
		if (v.kind === 'structure' && v.structureId)
			ctx.addIssue({ code: 'custom', path: ['structureId'], message: 'committee.errors.structureInStructure' });
	}, evenWithFieldErrors);

export type CommitteeMemberInput = z.output<typeof committeeMemberInputSchema>;

export const meetingInputSchema = z
	.object({
		heldOn: isoDay,
		title: requiredText(200),
		durationMinutes: z
			.number({ error: 'committee.errors.durationInvalid' })
			.int({ error: 'committee.errors.durationInvalid' })
			.min(1, { error: 'committee.errors.durationInvalid' })
			.max(24 * 60, { error: 'committee.errors.durationInvalid' })
			.nullish(),
		place: plainText(200).default(''),
		attendeeIds: z.array(rowId).max(500, { error: 'errors.tooManyItems' }).default([]),
		otherAttendees: plainText(1000).default(''),
		notes: plainText(20_000).default(''),
		decisions: plainText(10_000).default('')
	})
	.strict();

export type MeetingInput = z.output<typeof meetingInputSchema>;

export const timeEntryInputSchema = z
	.object({
		memberId: rowId,
		phase: z.enum(PHASES, { error: 'errors.invalidChoice' }),
		minutes: z
			.number({ error: 'committee.errors.timeInvalid' })
			.int({ error: 'committee.errors.timeInvalid' })
			.min(1, { error: 'committee.errors.timeInvalid' })
			// A month of full days for one line is already a lot: more is a typing mistake.
			.max(31 * 24 * 60, { error: 'committee.errors.timeTooMuch' }),
		spentOn: isoDay.nullish(),
		description: plainText(500).default('')
	})
	.strict();

export type TimeEntryInput = z.output<typeof timeEntryInputSchema>;

export const logisticsItemInputSchema = z
	.object({
		category: z.enum(LOGISTICS_CATEGORIES, { error: 'errors.invalidChoice' }),
		title: requiredText(200),
		capacity: z
			.number({ error: 'errors.integer' })
			.int({ error: 'errors.integer' })
			.min(0, { error: 'errors.tooSmall' })
			.max(100_000, { error: 'errors.tooBig' })
			.nullish(),
		...timingFields,
		status: z.enum(TASK_STATUSES, { error: 'errors.invalidChoice' }).default('todo'),
		owner: ownerRefSchema.nullish(),
		notes: plainText(5000).default('')
	})
	.strict()
	.superRefine((v, ctx) => checkTiming(v, ctx, false), evenWithFieldErrors);

export type LogisticsItemInput = z.output<typeof logisticsItemInputSchema>;
