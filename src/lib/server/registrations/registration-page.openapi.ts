import { z } from 'zod';
import { errors, ifMatchParameter, jsonOf, ref, type OpenApiPart } from '../api/openapi-parts.ts';
import { EDITABLE_PARTS } from './registration-edit.service.ts';
import { registrationHistorySchema } from './registration-history.service.ts';
import { SEAT_STATUSES } from './registration.schema.ts';

const editedSchema = z.object({
	id: z.string(),
	changed: z
		.array(z.enum(EDITABLE_PARTS))
		.meta({ description: 'Les parties modifiées, dans l’ordre du formulaire ; vide si rien n’a changé' }),
	sessions: z.array(z.object({ id: z.string(), status: z.enum(SEAT_STATUSES) }))
});

const parameters = [
	{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
	{
		name: 'id',
		in: 'path',
		required: true,
		schema: { type: 'string' },
		description: 'L’inscription (404 si elle n’est pas de cet événement)'
	}
];
const token = [{ token: [] }];

/** What the team does on a registration's page: correct it, read its history, send its confirmation again, erase it. */
export const registrationPageOpenApi: OpenApiPart = {
	schemas: {
		RegistrationHistory: { schema: registrationHistorySchema, output: true },
		RegistrationEdited: { schema: editedSchema, output: true },
		ConfirmationResent: { schema: z.object({ to: z.string().meta({ description: 'L’adresse à laquelle elle part' }) }), output: true }
	},
	paths: {
		'/events/{slug}/registrations/{id}': {
			parameters,
			put: {
				summary:
					'Corriger une inscription (équipe, rôle organisateur·rice) : tout le formulaire à nouveau, vérifié comme à l’inscription (adresse déjà inscrite, ateliers complets ou réservés à d’autres rôles refusés) ; la personne reçoit un e-mail qui dit ce qui a changé',
				description:
					'Même corps que l’inscription (`RegistrationCreate`), l’adresse e-mail facultative pour une personne venue sans inscription. `notify=false` corrige sans prévenir la personne. Avec `If-Match` (la `version` lue par `GET /registrations/{id}`) : 412 si elle a changé depuis, et rien n’est modifié. 409 pour une inscription annulée.',
				security: token,
				parameters: [
					ifMatchParameter,
					{
						name: 'notify',
						in: 'query',
						required: false,
						schema: { type: 'string', enum: ['true', 'false'] },
						description: '`false` : pas d’e-mail à la personne (`true` par défaut)'
					}
				],
				requestBody: { required: true, content: { 'application/json': { schema: ref('RegistrationCreate') } } },
				responses: {
					'200': { description: 'Corrigée', content: jsonOf('RegistrationEdited') },
					...errors(400, 401, 403, 404, 409, 412, 413, 422)
				}
			}
		},
		'/events/{slug}/registrations/{id}/erasure': {
			parameters,
			post: {
				summary:
					'Effacer une inscription pour de bon (droit à l’effacement) : ses places libérées comme à une annulation, la ligne supprimée avec ses ateliers, réponses, pointages et liens, ses e-mails en attente retirés ; le journal d’audit garde seulement que c’est fait',
				description: 'Équipe, rôle organisateur·rice (403 en lecture seule).',
				security: token,
				responses: { '204': { description: 'Effacée' }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/registrations/{id}/history': {
			parameters,
			get: {
				summary:
					'L’historique d’une inscription (équipe) : les e-mails envoyés à la personne (sorte, objet, état, dates ; jamais le contenu) et qui l’a modifiée, quand, quelles parties (jamais les valeurs)',
				security: token,
				responses: { '200': { description: 'Historique', content: jsonOf('RegistrationHistory') }, ...errors(401, 404) }
			}
		},
		'/events/{slug}/registrations/{id}/resend-confirmation': {
			parameters,
			post: {
				summary:
					'Renvoyer l’e-mail de confirmation tel qu’il serait écrit maintenant, avec un nouveau lien privé (les précédents restent valables) ; noté au journal d’audit',
				description:
					'Équipe, rôle organisateur·rice (403 en lecture seule). 409 pour une inscription annulée ou sans adresse. Le message passe par la file d’envoi comme celui du bouton de la page de l’inscription, avec la même priorité et le même débit.',
				security: token,
				responses: {
					'200': { description: 'Confirmation mise en file d’envoi', content: jsonOf('ConfirmationResent') },
					...errors(401, 403, 404, 409)
				}
			}
		}
	}
};
