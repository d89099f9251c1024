import { z } from 'zod';
import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { programmeSettingsSchema, roomMoveSchema } from './programme.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];

/** The programme page's settings and the order of its rooms. */
export const programmeArrangementOpenApi: OpenApiPart = {
	schemas: {
		ProgrammeSettings: { schema: programmeSettingsSchema },
		ProgrammeSettingsView: { schema: z.object({ minBreakMinutes: z.number().int(), version: z.number().int() }), output: true },
		RoomMove: { schema: roomMoveSchema }
	},
	paths: {
		'/events/{slug}/programme-settings': {
			parameters: [slug],
			get: {
				summary: 'Les réglages du programme, comme sur sa page (équipe)',
				security: token,
				responses: {
					'200': { description: 'Les réglages', headers: etagHeaders, content: jsonOf('ProgrammeSettingsView') },
					...errors(401, 404)
				}
			},
			put: {
				summary:
					'Régler le programme comme sur sa page : la pause minimale (en minutes) entre deux séances qui se suivent pour un même public ; en dessous, un avertissement « pas de temps pour souffler » est signalé (0 : aucun)',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('ProgrammeSettings') },
				responses: {
					'200': { description: 'Enregistré', headers: etagHeaders, content: jsonOf('ProgrammeSettingsView') },
					...errors(400, 401, 403, 404, 412, 422)
				}
			}
		},
		'/events/{slug}/rooms/{id}/move': {
			parameters: [slug, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			post: {
				summary:
					'Monter ou descendre un espace d’un rang dans l’ordre du programme, comme les flèches de la page « Espaces » ; le premier ne monte pas, le dernier ne descend pas',
				security: token,
				requestBody: { required: true, content: jsonOf('RoomMove') },
				responses: {
					'200': { description: 'Tous les espaces, dans leur nouvel ordre', content: jsonArrayOf('Room') },
					...errors(400, 401, 403, 404, 422)
				}
			}
		}
	}
};
