/** What a structure's members send: a request to join, a decision on one, a direct edit (forms and API). */
import { z } from 'zod';
import { structureFieldSchemas } from './suggestion.schema.ts';

const version = z
	.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(64).optional())
	.meta({ description: 'La `version` lue : rien n’est modifié si la fiche a changé depuis (409 ou 412)' });

export const membershipRequestSchema = z
	.object({
		note: z
			.preprocess((v) => v ?? '', z.string().trim().max(500))
			.meta({ description: 'Qui l’on est dans la structure, pour qui décide (facultatif)' })
	})
	.meta({ id: 'StructureMembershipRequest' });

export const membershipDecisionSchema = z
	.object({
		decision: z
			.enum(['accepted', 'refused'], { error: 'errors.invalidChoice' })
			.meta({ description: '`accepted` : la personne devient membre ; `refused` : sa demande est effacée' })
	})
	.meta({ id: 'StructureMembershipDecision' });

/** A member's edit of the structure itself: its name, type and commune at once. */
export const structureEditSchema = z
	.object({
		name: structureFieldSchemas.name,
		type: structureFieldSchemas.type,
		commune: structureFieldSchemas.commune,
		version
	})
	.meta({ id: 'StructureEdit' });

/** A member's edit of one field of one of the structure's places (the schema's rules). */
export const placeEditSchema = z
	.object({
		field: z.string().trim().min(1).max(60),
		value: z.preprocess((v) => v ?? '', z.string().trim().max(2000)),
		version
	})
	.meta({ id: 'PlaceEdit' });

export const memberViewSchema = z.object({
	userId: z.string(),
	name: z.string(),
	status: z.enum(['pending', 'active']),
	note: z.string(),
	since: z.string(),
	email: z.string().nullable().meta({ description: 'Montrée à la modération seulement' })
});

export const membershipViewSchema = z
	.object({
		structureId: z.string(),
		structureName: z.string(),
		version: z.string().meta({ description: 'La version de la structure, à renvoyer avec `PATCH /directory/structures/{id}`' }),
		me: z.enum(['none', 'pending', 'active']).meta({ description: 'Où en est la personne qui demande' }),
		canEdit: z.boolean().meta({ description: 'Membre ou modération : modifie la structure et ses lieux directement' }),
		members: z
			.array(memberViewSchema)
			.meta({ description: 'Membres et demandes en attente ; vide pour qui n’est ni membre ni modérateur·ice' })
	})
	.meta({ id: 'StructureMembership' });
export type MembershipView = z.output<typeof membershipViewSchema>;

export const membershipRequestItemSchema = memberViewSchema.extend({ structureId: z.string(), structureName: z.string() });
export type MembershipRequestItem = z.output<typeof membershipRequestItemSchema>;
