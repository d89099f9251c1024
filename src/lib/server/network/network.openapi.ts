import { errors, etagHeaders, ifMatchParameter, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { meetingInputSchema } from './meeting.service.ts';
import { meetingApiListSchema, postApiInputSchema, postApiListSchema, postApiPatchSchema, postApiViewSchema } from './network.api.ts';

const token = [{ token: [] }];
const query = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });
const bearer =
	'Porteur : le jeton du lien privé d’inscription d’un·e participant·e (`mrg_…`, le réseau de son événement), ou le jeton d’API d’une personne connectée.';

/** The network's needs and offers, and meetings between participants (see network.api.ts). */
export const networkOpenApi: OpenApiPart = {
	schemas: {
		NeedOfferInput: { schema: postApiInputSchema },
		NeedOfferList: { schema: postApiListSchema, output: true },
		NeedOffer: { schema: postApiViewSchema, output: true },
		NeedOfferPatch: { schema: postApiPatchSchema },
		ParticipantMeetingInput: { schema: meetingInputSchema },
		ParticipantMeetingList: { schema: meetingApiListSchema, output: true }
	},
	paths: {
		'/needs-offers': {
			get: {
				summary: 'Besoins et offres visibles par l’appelant·e, avec les annonces qui leur correspondent',
				description: `${bearer} Un·e participant·e inscrit·e à l’annuaire de son événement lit les annonces de cet événement ; une personne connectée inscrite au réseau du territoire, celles du territoire ; l’équipe d’un événement, avec \`event\`, celles de son événement (lecture seule). Jamais d’adresse : seulement le nom, la structure et l’entrée d’annuaire (\`author.id\`, pour demander une rencontre) des personnes qui ont accepté d’apparaître. 403 tant que l’appelant·e n’est pas inscrit·e à l’annuaire.`,
				security: token,
				parameters: [
					query('kind', '`need` (besoin) ou `offer` (offre)'),
					query('theme', 'Thème exact (axes de l’événement, services du schéma des lieux)'),
					query('departement', 'Code du département (87, 2A, 974…)'),
					query('category', 'Catégorie (tools, training, room, skills, equipment, volunteers, partnership)'),
					query('q', 'Texte cherché dans le titre, la description, l’auteur·e et sa structure'),
					query('event', 'Slug de l’événement dont on lit les annonces')
				],
				responses: { '200': { description: 'Les annonces en cours', content: jsonOf('NeedOfferList') }, ...errors(401, 403, 404, 422) }
			},
			post: {
				summary: 'Publier un besoin ou une offre (mêmes règles que le formulaire)',
				description: `${bearer} Un·e participant·e publie dans le réseau de son événement (\`event\`, s’il est donné, doit être le sien) ; une personne connectée, dans le réseau du territoire. L’équipe ne publie pas dans le réseau d’un événement : ses participant·es le font depuis leur lien privé (422 sur \`event\`).`,
				security: token,
				requestBody: { required: true, content: jsonOf('NeedOfferInput') },
				responses: {
					'201': {
						description: 'Publiée',
						content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } }
					},
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		},
		'/needs-offers/{id}': {
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'Une annonce visible par l’appelant·e (mêmes règles que la liste) ; l’ETag est sa version',
				description: bearer,
				security: token,
				parameters: [query('event', 'Slug de l’événement dont on lit les annonces (équipe)')],
				responses: { '200': { description: 'L’annonce', headers: etagHeaders, content: jsonOf('NeedOffer') }, ...errors(401, 403, 404) }
			},
			patch: {
				summary: 'Modifier son annonce : les champs envoyés remplacent les siens, les autres restent (mêmes règles que le formulaire)',
				description: `${bearer} Seul·e l’auteur·e modifie son annonce (404 pour toute autre).`,
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('NeedOfferPatch') },
				responses: {
					'200': { description: 'Modifiée', headers: etagHeaders, content: jsonOf('NeedOffer') },
					...errors(400, 401, 403, 404, 409, 412, 413, 422)
				}
			},
			delete: {
				summary: 'Retirer son annonce (et les demandes de mise en relation qu’elle a reçues)',
				description: `${bearer} Seul·e l’auteur·e retire son annonce (404 pour toute autre).`,
				security: token,
				responses: { '204': { description: 'Retirée' }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/meetings-between-participants': {
			parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'Rencontres entre participant·es pendant les temps informels : les siennes, ou les chiffres pour l’équipe',
				description: `${bearer} Un·e participant·e inscrit·e à l’annuaire reçoit ses rencontres (demandées et reçues), et avec \`with\` les créneaux des temps informels où elle et cette personne sont libres ; l’équipe de l’événement reçoit seulement leur nombre par statut, jamais qui rencontre qui.`,
				security: token,
				parameters: [query('with', 'L’entrée d’annuaire (`author.id`, `other.id`) d’une autre personne : ajoute `freeSlots`')],
				responses: {
					'200': { description: 'Rencontres et nombres par statut', content: jsonOf('ParticipantMeetingList') },
					...errors(401, 403, 404)
				}
			},
			post: {
				summary: 'Demander une rencontre à un·e autre participant·e, dans un créneau libre des temps informels',
				description: `${bearer} Réservé aux participant·es (lien privé) inscrit·es à l’annuaire ; l’autre personne reçoit un e-mail et accepte ou refuse depuis son lien privé. 409 si le créneau n’est plus libre pour l’un·e des deux ; 403 pour l’équipe.`,
				security: token,
				requestBody: { required: true, content: jsonOf('ParticipantMeetingInput') },
				responses: {
					'201': {
						description: 'Demande envoyée',
						content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } }
					},
					...errors(400, 401, 403, 404, 409, 413, 422)
				}
			}
		}
	}
};
