import { z } from 'zod';
import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { eventCreateSchema, eventPatchSchema, eventViewSchema } from './event.schema.ts';
import { registrationSettingsSchema } from '../registrations/registration.schema.ts';

// PATCH /events/{slug} also takes three registration settings, validated by the registrations
// area in the same transaction (see routes/api/v1/events/[slug]/+server.ts).
const eventPatchDocumented = eventPatchSchema.extend(
	registrationSettingsSchema.pick({ capacity: true, registrationOpensAt: true, registrationClosesAt: true }).shape
);

// GET and PATCH /events/{slug} answer the event with those three settings (the lists do not).
const eventDetailSchema = eventViewSchema.extend({
	capacity: z.number().int().nullable().meta({ description: 'Places de l’événement ; null : sans limite' }),
	registrationOpensAt: z
		.string()
		.nullable()
		.meta({ description: 'Ouverture des inscriptions (heure de Paris) ; null : dès la publication' }),
	registrationClosesAt: z
		.string()
		.nullable()
		.meta({ description: 'Clôture des inscriptions (heure de Paris) ; null : au début de l’événement' })
});

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };

export const eventOpenApi: OpenApiPart = {
	schemas: {
		EventCreate: { schema: eventCreateSchema },
		EventPatch: { schema: eventPatchDocumented },
		Event: { schema: eventViewSchema, output: true },
		EventDetail: { schema: eventDetailSchema, output: true }
	},
	paths: {
		'/events': {
			get: {
				summary: 'Événements publiés, plus ceux de l’appelant (brouillons compris)',
				responses: { '200': { description: 'Liste', content: jsonArrayOf('Event') }, ...errors(401) }
			},
			post: {
				summary: 'Créer un événement (brouillon ; l’appelant en devient responsable)',
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('EventCreate') },
				responses: { '201': { description: 'Créé', content: jsonOf('Event') }, ...errors(400, 401, 422) }
			}
		},
		'/events/{slug}': {
			parameters: [slugParam],
			get: {
				summary: 'Un événement, avec ses réglages d’inscription',
				responses: { '200': { description: 'L’événement', headers: etagHeaders, content: jsonOf('EventDetail') }, ...errors(401, 404) }
			},
			patch: {
				summary: 'Modifier un événement, le publier (`{"status":"published"}`) ou l’archiver',
				security: [{ token: [] }],
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('EventPatch') },
				responses: {
					'200': { description: 'Modifié', headers: etagHeaders, content: jsonOf('EventDetail') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			}
		}
	}
};
