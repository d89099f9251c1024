import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, ref, type OpenApiPart } from '../api/openapi-parts.ts';
import {
	conflictSchema,
	publicSpeakerViewSchema,
	resourceLinkSchema,
	resourceViewSchema,
	roomCreateSchema,
	roomPatchSchema,
	roomViewSchema,
	sessionCreateSchema,
	sessionPatchSchema,
	sessionViewSchema,
	speakerCreateSchema,
	speakerPatchSchema,
	speakerViewSchema
} from './programme.schema.ts';
import { eventImageViewSchema, eventImagesViewSchema } from './event-image.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];
const noContent = { '204': { description: 'Supprimé' } };
const speakerEither = { oneOf: [ref('Speaker'), ref('PublicSpeaker')] };
const publicNote = 'Public une fois l’événement publié ; l’équipe voit aussi les brouillons.';

export const programmeOpenApi: OpenApiPart = {
	schemas: {
		RoomCreate: { schema: roomCreateSchema },
		RoomPatch: { schema: roomPatchSchema },
		Room: { schema: roomViewSchema, output: true },
		SpeakerCreate: { schema: speakerCreateSchema },
		SpeakerPatch: { schema: speakerPatchSchema },
		Speaker: { schema: speakerViewSchema, output: true },
		PublicSpeaker: { schema: publicSpeakerViewSchema, output: true },
		SessionCreate: { schema: sessionCreateSchema },
		SessionPatch: { schema: sessionPatchSchema },
		Session: { schema: sessionViewSchema, output: true },
		ResourceLink: { schema: resourceLinkSchema },
		Resource: { schema: resourceViewSchema, output: true },
		Conflict: { schema: conflictSchema, output: true },
		EventImage: { schema: eventImageViewSchema, output: true },
		EventImages: { schema: eventImagesViewSchema, output: true }
	},
	paths: {
		'/events/{slug}/rooms': {
			parameters: [slug],
			get: {
				summary: `Espaces de l’événement, dans leur ordre. ${publicNote}`,
				responses: { '200': { description: 'Liste', content: jsonArrayOf('Room') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Ajouter un espace (salle)',
				security: token,
				requestBody: { required: true, content: jsonOf('RoomCreate') },
				responses: { '201': { description: 'Créé', content: jsonOf('Room') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/rooms/{id}': {
			parameters: [slug, id],
			patch: {
				summary: 'Modifier un espace',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('RoomPatch') },
				responses: {
					'200': { description: 'Modifié', headers: etagHeaders, content: jsonOf('Room') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			},
			delete: {
				summary: 'Supprimer un espace (ses sessions restent, sans espace)',
				security: token,
				responses: { ...noContent, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/speakers': {
			parameters: [slug],
			get: {
				summary: `Intervenant·es : fiche complète pour l’équipe (contact, statut, frais), profil public pour les autres (sauf celles et ceux qui ont décliné). ${publicNote}`,
				responses: {
					'200': {
						description: 'Liste : `Speaker` pour l’équipe, `PublicSpeaker` pour les autres',
						content: { 'application/json': { schema: { type: 'array', items: speakerEither } } }
					},
					...errors(401, 404)
				}
			},
			post: {
				summary: 'Ajouter un·e intervenant·e (statut « invited » par défaut ; aucun e-mail envoyé)',
				security: token,
				requestBody: { required: true, content: jsonOf('SpeakerCreate') },
				responses: { '201': { description: 'Créé', content: jsonOf('Speaker') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/speakers/{id}': {
			parameters: [slug, id],
			get: {
				summary: 'Un·e intervenant·e : fiche complète pour l’équipe, profil public pour les autres',
				responses: {
					'200': {
						description: 'Fiche : `Speaker` pour l’équipe (avec son ETag), `PublicSpeaker` pour les autres',
						headers: etagHeaders,
						content: { 'application/json': { schema: speakerEither } }
					},
					...errors(401, 404)
				}
			},
			patch: {
				summary: 'Modifier un·e intervenant·e',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('SpeakerPatch') },
				responses: {
					'200': { description: 'Modifié', headers: etagHeaders, content: jsonOf('Speaker') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			},
			delete: {
				summary: 'Supprimer un·e intervenant·e (retiré·e de ses sessions)',
				security: token,
				responses: { ...noContent, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/images': {
			parameters: [slug],
			get: {
				summary: `Bannière et logos (structures organisatrices, financeurs) de la page de l’événement. ${publicNote}`,
				responses: { '200': { description: 'Images', content: jsonOf('EventImages') }, ...errors(404) }
			},
			post: {
				summary:
					'Ajouter la bannière (remplace la précédente) ou un logo : l’image est le corps de la requête (JPEG, PNG, WebP, GIF, AVIF), redimensionnée en WebP ; `kind`, `name` (logos), `link`, `alt` en paramètres',
				security: token,
				parameters: [
					{ name: 'kind', in: 'query', required: true, schema: { type: 'string', enum: ['banner', 'organiser', 'funder'] } },
					{
						name: 'name',
						in: 'query',
						required: false,
						schema: { type: 'string' },
						description: 'Structure du logo (obligatoire pour un logo)'
					},
					{ name: 'link', in: 'query', required: false, schema: { type: 'string' }, description: 'Lien http(s) du logo' },
					{ name: 'alt', in: 'query', required: true, schema: { type: 'string' }, description: 'Texte alternatif' }
				],
				requestBody: { required: true, content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } },
				responses: { '201': { description: 'Image ajoutée', content: jsonOf('EventImage') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/images/{id}': {
			parameters: [slug, id],
			delete: {
				summary: 'Retirer la bannière ou un logo',
				security: token,
				responses: { ...noContent, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/speakers/{id}/portrait': {
			parameters: [slug, id, { name: 'alt', in: 'query', required: false, schema: { type: 'string' }, description: 'Texte alternatif' }],
			put: {
				summary:
					'Remplacer le portrait : l’image est le corps de la requête (JPEG, PNG, WebP, GIF, AVIF ; 10 Mo au plus), recadrée en 320 × 320 WebP',
				security: token,
				requestBody: { required: true, content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } },
				responses: { '200': { description: 'Portrait enregistré', content: jsonOf('Speaker') }, ...errors(401, 403, 404, 422) }
			},
			delete: {
				summary: 'Retirer le portrait',
				security: token,
				responses: { '200': { description: 'Retiré', content: jsonOf('Speaker') }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/speakers/{id}/invitation': {
			parameters: [slug, id],
			post: {
				summary:
					'Envoyer par e-mail le lien personnel où l’intervenant·e confirme et complète sa fiche, sans compte (remplace le lien précédent)',
				security: token,
				responses: {
					'202': {
						description: 'E-mail mis en file d’envoi, à cette adresse',
						content: {
							'application/json': {
								schema: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'], additionalProperties: false }
							}
						}
					},
					...errors(401, 403, 404, 409)
				}
			}
		},
		'/events/{slug}/sessions': {
			parameters: [slug],
			get: {
				summary: `Sessions dans l’ordre du programme ; pour l’équipe, avec leurs avertissements. ${publicNote}`,
				responses: { '200': { description: 'Liste', content: jsonArrayOf('Session') }, ...errors(401, 404) }
			},
			post: {
				summary:
					'Ajouter une session (refusée hors des dates de l’événement ou si elle finit avant de commencer ; les avertissements ne bloquent jamais)',
				security: token,
				requestBody: { required: true, content: jsonOf('SessionCreate') },
				responses: {
					'201': { description: 'Créée, avec ses avertissements', content: jsonOf('Session') },
					...errors(400, 401, 403, 404, 422)
				}
			}
		},
		'/events/{slug}/sessions/{id}': {
			parameters: [slug, id],
			get: {
				summary: 'Une session',
				responses: { '200': { description: 'La session', headers: etagHeaders, content: jsonOf('Session') }, ...errors(401, 404) }
			},
			patch: {
				summary: 'Modifier, déplacer ou redimensionner une session (changer seulement `startsAt` garde sa durée)',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('SessionPatch') },
				responses: {
					'200': { description: 'Modifiée, avec ses avertissements', headers: etagHeaders, content: jsonOf('Session') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			},
			delete: { summary: 'Supprimer une session et ses ressources', security: token, responses: { ...noContent, ...errors(401, 403, 404) } }
		},
		'/events/{slug}/sessions/{id}/resources': {
			parameters: [slug, id],
			post: {
				summary: 'Ajouter une ressource : un lien (JSON) ou un document (multipart/form-data : `file`, `title` ; 20 Mo au plus)',
				security: token,
				requestBody: {
					required: true,
					content: {
						...jsonOf('ResourceLink'),
						'multipart/form-data': {
							schema: {
								type: 'object',
								properties: { file: { type: 'string', format: 'binary' }, title: { type: 'string' } },
								required: ['file']
							}
						}
					}
				},
				responses: { '201': { description: 'Ajoutée', content: jsonOf('Resource') }, ...errors(400, 401, 403, 404, 413, 422) }
			}
		},
		'/events/{slug}/sessions/{id}/resources/{resourceId}': {
			parameters: [slug, id, { name: 'resourceId', in: 'path', required: true, schema: { type: 'string' } }],
			delete: { summary: 'Retirer une ressource', security: token, responses: { ...noContent, ...errors(401, 403, 404) } }
		},
		'/events/{slug}/conflicts': {
			parameters: [slug],
			get: {
				summary:
					'Avertissements du programme (room-overlap, speaker-overlap, speaker-no-travel-time, over-capacity, no-breathing-time, no-informal-time), pour l’équipe ; messages en français',
				responses: { '200': { description: 'Liste', content: jsonArrayOf('Conflict') }, ...errors(401, 404) }
			}
		},
		'/events/{slug}/programme.ics': {
			parameters: [
				slug,
				{
					name: 's',
					in: 'query',
					required: false,
					schema: { type: 'array', items: { type: 'string' } },
					description: 'Seulement ces sessions (programme personnel)'
				}
			],
			get: {
				summary: `Programme au format iCalendar (RFC 5545). ${publicNote}`,
				responses: {
					'200': { description: 'Calendrier', content: { 'text/calendar': { schema: { type: 'string' } } } },
					...errors(401, 404)
				}
			}
		},
		'/events/{slug}/programme.json': {
			parameters: [slug],
			get: {
				summary: `Programme au format frab / pretalx (schedule.json, valide selon le schéma JSON du C3VOC) que lisent les applications de conférence. ${publicNote}`,
				responses: {
					'200': {
						description: 'Programme (schéma : https://c3voc.de/schedule/schema.json)',
						content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } }
					},
					...errors(401, 404)
				}
			}
		},
		'/events/{slug}/schedule.xml': {
			parameters: [slug],
			get: {
				summary: `Programme au format schedule.xml de frab (valide selon le XSD du C3VOC), que lisent encore de nombreuses applications de conférence et chaînes d’enregistrement. ${publicNote}`,
				responses: {
					'200': { description: 'Programme', content: { 'application/xml': { schema: { type: 'string' } } } },
					...errors(401, 404)
				}
			}
		}
	}
};
