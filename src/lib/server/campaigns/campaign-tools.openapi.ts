import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { contactListCopySchema, reusableContactListSchema } from '../contacts/contact.schema.ts';

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];

/** What the campaign and contact-list pages do beyond the first API: a test send, a list taken from another event, one contact removed. */
export const campaignToolsOpenApi: OpenApiPart = {
	schemas: {
		ContactListCopy: { schema: contactListCopySchema },
		ReusableContactList: { schema: reusableContactListSchema, output: true }
	},
	paths: {
		'/events/{slug}/campaigns/{id}/test': {
			parameters: [slugParam, idParam],
			post: {
				summary:
					'Envoyer un test de la campagne à sa propre adresse (celle du compte du jeton), objet préfixé de « [Test] », les champs de fusion remplis avec la première personne destinataire',
				description: 'Équipe, rôle organisateur·rice (403 en lecture seule). Le message passe par la file d’envoi.',
				security: token,
				responses: {
					'200': { description: 'Test mis en file d’envoi', content: jsonOf('ConfirmationResent') },
					...errors(401, 403, 404)
				}
			}
		},
		'/events/{slug}/contact-lists/from-other-events': {
			parameters: [slugParam],
			get: {
				summary: 'Les listes de contacts des autres événements dont on est membre de l’équipe, qu’on peut reprendre ici',
				security: token,
				responses: { '200': { description: 'Les listes', content: jsonArrayOf('ReusableContactList') }, ...errors(401, 404) }
			},
			post: {
				summary:
					'Reprendre ici une liste d’un autre événement : une copie, nommée « liste (événement) », sans les adresses désabonnées de cet événement-ci',
				description:
					'Équipe des deux événements (404 pour une liste inconnue ou d’un événement dont on n’est pas membre ; 403 en lecture seule ici).',
				security: token,
				requestBody: { required: true, content: jsonOf('ContactListCopy') },
				responses: { '201': { description: 'Copiée', content: jsonOf('ContactList') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/contact-lists/{id}/contacts/{contactId}': {
			parameters: [slugParam, idParam, { name: 'contactId', in: 'path', required: true, schema: { type: 'string' } }],
			delete: {
				summary: 'Retirer un contact de la liste',
				security: token,
				responses: { '204': { description: 'Retiré' }, ...errors(401, 403, 404) }
			}
		}
	}
};
