import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import {
	contactInputSchema,
	contactListContentsSchema,
	contactListInputSchema,
	contactListViewSchema,
	importReportSchema
} from '../contacts/contact.schema.ts';
import { campaignInputSchema, campaignPatchSchema, campaignViewSchema } from './campaign.schema.ts';
import { PLACEHOLDERS } from './placeholders.ts';

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const placeholders = PLACEHOLDERS.map((p) => `\`{${p}}\``).join(', ');

/** Contacts and campaigns: the lists, their import, the campaigns and "send now". */
export const campaignOpenApi: OpenApiPart = {
	schemas: {
		CampaignInput: { schema: campaignInputSchema },
		CampaignPatch: { schema: campaignPatchSchema },
		Campaign: { schema: campaignViewSchema, output: true },
		ContactListInput: { schema: contactListInputSchema },
		ContactInput: { schema: contactInputSchema },
		ContactList: { schema: contactListViewSchema, output: true },
		ContactListContents: { schema: contactListContentsSchema, output: true },
		ContactImportReport: { schema: importReportSchema, output: true }
	},
	paths: {
		'/events/{slug}/campaigns': {
			parameters: [slugParam],
			get: {
				summary: 'Les campagnes de l’événement avec leurs chiffres (destinataires, envoyés, en attente, échecs, désabonnés)',
				responses: { '200': { description: 'Les campagnes', content: jsonArrayOf('Campaign') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Créer une campagne à partir du texte prêt de son type (`kind`), modifiable',
				description: `Champs de substitution acceptés : ${placeholders} (un autre est refusé, 422). \`{lien_personnel}\` et \`{lien_questionnaire}\` ne vont qu’à des personnes inscrites. Une campagne relative (\`start\`/\`end\`) suit l’événement quand il change de date ; elle apparaît comme tâche du rétroplanning, faite quand elle part.`,
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('CampaignInput') },
				responses: { '201': { description: 'Créée', content: jsonOf('Campaign') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/campaigns/{id}': {
			parameters: [slugParam, idParam],
			get: {
				summary: 'Une campagne',
				responses: { '200': { description: 'La campagne', headers: etagHeaders, content: jsonOf('Campaign') }, ...errors(401, 404) }
			},
			patch: {
				summary: 'Modifier une campagne pas encore partie ; `status: scheduled` la programme (refusé sans destinataire)',
				security: [{ token: [] }],
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('CampaignPatch') },
				responses: {
					'200': { description: 'Modifiée', headers: etagHeaders, content: jsonOf('Campaign') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			}
		},
		'/events/{slug}/campaigns/{id}/send': {
			parameters: [slugParam, idParam],
			post: {
				summary: 'Envoyer maintenant : un message par adresse, par la boîte d’envoi, au rythme permis par le serveur SMTP',
				security: [{ token: [] }],
				responses: { '202': { description: 'Mise en file', content: jsonOf('Campaign') }, ...errors(401, 403, 404, 409, 422) }
			}
		},
		'/events/{slug}/campaigns/{id}/cancel': {
			parameters: [slugParam, idParam],
			post: {
				summary: 'Annuler une campagne avant son envoi',
				security: [{ token: [] }],
				responses: { '200': { description: 'Annulée', content: jsonOf('Campaign') }, ...errors(401, 403, 404, 409) }
			}
		},
		'/events/{slug}/contact-lists': {
			parameters: [slugParam],
			get: {
				summary: 'Les listes de contacts de l’événement',
				responses: { '200': { description: 'Les listes', content: jsonArrayOf('ContactList') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Créer une liste de contacts vide',
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('ContactListInput') },
				responses: { '201': { description: 'Créée', content: jsonOf('ContactList') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/contact-lists/{id}/contacts': {
			parameters: [slugParam, idParam],
			get: {
				summary: 'Une liste, son nombre de contacts et ses 500 premiers contacts',
				responses: { '200': { description: 'La liste', content: jsonOf('ContactListContents') }, ...errors(401, 404) }
			},
			post: {
				summary:
					'Ajouter des contacts : JSON `{"contacts": [ContactInput…]}` ou un fichier CSV en corps (`text/csv`, UTF-8 ou Windows-1252, `;` ou `,`, colonnes nommées dans l’en-tête)',
				description:
					'Doublons fusionnés par adresse ; lignes refusées une à une avec leur raison en français (adresse absente ou invalide, désabonnée…). `?legalBasis=professional|legitimate-interest|consent` pour un CSV.',
				security: [{ token: [] }],
				requestBody: {
					required: true,
					content: {
						'application/json': {
							schema: { type: 'object', properties: { contacts: { type: 'array', items: { $ref: '#/components/schemas/ContactInput' } } } }
						},
						'text/csv': { schema: { type: 'string' } }
					}
				},
				responses: {
					'200': { description: 'Le compte rendu', content: jsonOf('ContactImportReport') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		},
		'/unsubscribe': {
			parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'Page de désabonnement d’un message de campagne (ne change rien)',
				security: [],
				responses: { '200': html('Page HTML : confirmer le désabonnement'), '404': html('Lien inconnu') }
			},
			post: {
				summary: 'Désabonnement en un clic (RFC 8058, corps `List-Unsubscribe=One-Click`) : plus aucun message de cet organisateur',
				security: [],
				responses: {
					'200': {
						description: 'Désabonné : page HTML, ou une ligne de texte pour le POST en un clic',
						content: { 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } }
					},
					'404': html('Lien inconnu')
				}
			}
		}
	}
};
