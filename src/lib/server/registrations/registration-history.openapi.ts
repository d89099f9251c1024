import { z } from 'zod';
import { errors, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { registrationHistorySchema } from './registration-history.service.ts';

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

/** A registration's history and its confirmation sent again, as on its page for the team. */
export const registrationHistoryOpenApi: OpenApiPart = {
	schemas: {
		RegistrationHistory: { schema: registrationHistorySchema, output: true },
		ConfirmationResent: { schema: z.object({ to: z.string().meta({ description: 'L’adresse à laquelle elle part' }) }), output: true }
	},
	paths: {
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
