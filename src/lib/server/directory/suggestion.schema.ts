/** The correction anyone may suggest on a place or a structure of the directory (form and service). */
import { z } from 'zod';
import { STRUCTURE_TYPES } from '../events/event.schema.ts';
import { SCHEMA_FIELDS } from './lieux-schema.ts';

/** Fields of a place a correction may change: all the schema's but its `id` and dates (set on acceptance). */
export const PLACE_CORRECTABLE_FIELDS: readonly string[] = SCHEMA_FIELDS.filter((f) => f !== 'id' && f !== 'date_maj');

/** Fields of a structure a correction may change (its SIRET and RNA make its identity: a merge, not a correction). */
export const STRUCTURE_CORRECTABLE_FIELDS = ['name', 'type', 'commune'] as const;
export { STRUCTURE_TYPES };

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const suggestionInputSchema = z.object({
	field: z.string().trim().min(1).max(60),
	value: z.string().trim().min(1).max(2000),
	note: z.preprocess((v) => v ?? '', z.string().trim().max(1000)),
	email: z.preprocess(blankToUndefined, z.email({ error: 'errors.email' }).max(254).optional())
});
export type SuggestionInput = z.output<typeof suggestionInputSchema>;

/** What can be changed in a structure, with the rules of each field. */
export const structureFieldSchemas: Record<(typeof STRUCTURE_CORRECTABLE_FIELDS)[number], z.ZodType<string>> = {
	name: z.string().trim().min(2).max(200),
	type: z.enum(STRUCTURE_TYPES, { error: 'errors.invalidChoice' }),
	commune: z.string().trim().min(1).max(100)
};

/** A correction waiting in the moderators' queue, with the value it would replace. */
export const correctionQueueItemSchema = z.object({
	id: z.string(),
	kind: z.enum(['place', 'structure']),
	publicId: z.string().meta({ description: 'L’`id` du lieu dans le schéma, ou l’id de la structure' }),
	targetName: z.string(),
	field: z.string().meta({ description: 'Champ du schéma (lieu) ou `name`, `type`, `commune` (structure)' }),
	current: z.string().meta({ description: 'Valeur actuelle (vide si aucune)' }),
	version: z.string().meta({
		description:
			'Version de la fiche telle que montrée : à renvoyer avec la décision, pour ne pas appliquer sur une modification faite depuis'
	}),
	value: z.string().meta({ description: 'Valeur proposée' }),
	note: z.string(),
	email: z.string().nullable().meta({ description: 'Adresse laissée pour être prévenu·e de la décision (oubliée une fois décidé)' }),
	createdAt: z.string()
});
export type CorrectionQueueItem = z.output<typeof correctionQueueItemSchema>;

/** A moderator's decision on a correction (the API's; the queue's page has a button for each). */
export const correctionDecisionSchema = z.object({
	decision: z
		.enum(['accepted', 'refused'], { error: 'errors.invalidChoice' })
		.meta({ description: '`accepted` : la valeur est vérifiée à nouveau puis appliquée ; `refused` : rien ne change' }),
	version: z
		.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(64).optional())
		.meta({ description: 'La `version` lue dans la file : 412 et rien d’appliqué si la fiche a changé depuis' })
});
