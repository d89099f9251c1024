/**
 * Response shapes of the endpoints this area added on other areas' services (committee, meetings,
 * time spent, check-ins, syntheses), for the OpenAPI document: each mirrors the view its service
 * returns, field for field.
 */
import { z } from 'zod';
import { versionField } from '../edit-version.ts';
import { COMMITTEE_KINDS, COMMITTEE_ROLES } from '../planning/planning.schema.ts';
import { PHASES } from '../planning/planning.rules.ts';

export const committeeMemberViewSchema = z.object({
	id: z.string(),
	kind: z.enum(COMMITTEE_KINDS),
	name: z.string(),
	structureId: z.string().nullable(),
	structureName: z.string().nullable(),
	roles: z.array(z.enum(COMMITTEE_ROLES)),
	customRole: z.string(),
	email: z.string().nullable(),
	notes: z.string(),
	minutes: z.number().int().meta({ description: 'Temps saisi pour ce membre, en minutes' }),
	version: versionField
});

export const meetingViewSchema = z.object({
	id: z.string(),
	heldOn: z.string().meta({ format: 'date' }),
	title: z.string(),
	durationMinutes: z.number().int().nullable(),
	place: z.string(),
	attendees: z.array(z.object({ id: z.string(), name: z.string() })),
	otherAttendees: z.string(),
	notes: z.string(),
	decisions: z.array(z.string()),
	createdAt: z.string().meta({ format: 'date-time' }),
	version: versionField
});

export const timeEntryViewSchema = z.object({
	id: z.string(),
	memberId: z.string(),
	memberName: z.string(),
	memberKind: z.enum(COMMITTEE_KINDS),
	phase: z.enum(PHASES),
	minutes: z.number().int(),
	spentOn: z.string().meta({ format: 'date' }).nullable(),
	description: z.string(),
	version: versionField
});

export const checkinResultSchema = z.object({
	registrationId: z.string(),
	halfDay: z.string(),
	checkedInAt: z.string().meta({ format: 'date-time' }),
	already: z.boolean().meta({ description: 'true : la personne était déjà pointée (réponse 200)' })
});

export const synthesisViewSchema = z.object({
	sessionId: z.string(),
	sections: z.array(z.object({ title: z.string(), points: z.array(z.string()) })),
	recordingUrl: z.string().nullable(),
	version: versionField
});

export const reviewViewSchema = z.object({
	toImprove: z.array(z.object({ theme: z.string(), text: z.string() })),
	toKeep: z.array(z.object({ theme: z.string(), text: z.string() }))
});

/** The previous edition's « à améliorer » points on this event's preparation page (getImprovementChecklist). */
export const improvementChecklistSchema = z.object({
	previous: z.object({ title: z.string(), slug: z.string() }).nullable().meta({ description: 'L’édition précédente ; null sans elle' }),
	points: z.array(
		z.object({
			index: z.number().int().meta({ description: 'À donner pour en faire une tâche' }),
			theme: z.string(),
			text: z.string(),
			title: z.string().meta({ description: 'Titre de la tâche qu’il devient' }),
			isTask: z.boolean().meta({ description: 'Déjà une tâche du rétroplanning' })
		})
	)
});
