import { memberInviteSchema, memberRoleSchema } from '../events/event.schema.ts';
import { logisticsItemInputSchema } from '../planning/planning.schema.ts';
import { questionSchema, registrationSettingsSchema } from '../registrations/registration.schema.ts';
import { FRENCH_SPREADSHEET, csvQueryParameters } from '../csv.ts';
import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, ref, type OpenApiPart } from './openapi-parts.ts';
import {
	auditPageViewSchema,
	checklistItemViewSchema,
	registrationQuestionViewSchema,
	registrationSettingsViewSchema,
	teamInvitedViewSchema,
	teamMemberViewSchema
} from './screens.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];

/** The organisers' screens in the API: team, registration settings and questions, checklist, walk-ins, attendance record, audit log. */
export const screensOpenApi: OpenApiPart = {
	schemas: {
		TeamInvite: { schema: memberInviteSchema },
		TeamRoleInput: { schema: memberRoleSchema },
		TeamMember: { schema: teamMemberViewSchema, output: true },
		TeamInvited: { schema: teamInvitedViewSchema, output: true },
		RegistrationSettingsInput: { schema: registrationSettingsSchema },
		RegistrationSettings: { schema: registrationSettingsViewSchema, output: true },
		RegistrationQuestionInput: { schema: questionSchema },
		RegistrationQuestion: { schema: registrationQuestionViewSchema, output: true },
		ChecklistItemInput: { schema: logisticsItemInputSchema },
		ChecklistItem: { schema: checklistItemViewSchema, output: true },
		AuditLogPage: { schema: auditPageViewSchema, output: true }
	},
	paths: {
		'/events/{slug}/team': {
			parameters: [slug],
			get: {
				summary: 'L’équipe de l’événement et le rôle de chacun·e (toute l’équipe peut la lire)',
				security: token,
				responses: { '200': { description: 'L’équipe', content: jsonArrayOf('TeamMember') }, ...errors(401, 404) }
			},
			post: {
				summary:
					'Donner un rôle à quelqu’un (responsables seulement) : 201 s’il ou elle rejoint l’équipe, 200 si son rôle change ; un e-mail l’invite',
				security: token,
				requestBody: { required: true, content: jsonOf('TeamInvite') },
				responses: {
					'201': { description: 'Ajouté·e', content: jsonOf('TeamInvited') },
					'200': { description: 'Rôle changé', content: jsonOf('TeamInvited') },
					...errors(400, 401, 403, 404, 409, 422)
				}
			}
		},
		'/events/{slug}/team/{userId}': {
			parameters: [slug, { name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'Un·e membre de l’équipe et son rôle ; l’ETag est la version du rôle',
				security: token,
				responses: { '200': { description: 'Membre', headers: etagHeaders, content: jsonOf('TeamMember') }, ...errors(401, 404) }
			},
			patch: {
				summary:
					'Changer le rôle de quelqu’un (responsables seulement ; le dernier responsable le reste : 409). If-Match, ou le champ `version`, évite d’écraser un changement fait entre-temps',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('TeamRoleInput') },
				responses: {
					'200': { description: 'Rôle changé', headers: etagHeaders, content: jsonOf('TeamMember') },
					...errors(400, 401, 403, 404, 409, 412, 413, 422)
				}
			},
			delete: {
				summary: 'Retirer quelqu’un de l’équipe (responsables seulement ; le dernier responsable reste : 409)',
				security: token,
				responses: { '204': { description: 'Retiré·e' }, ...errors(401, 403, 404, 409) }
			}
		},
		'/events/{slug}/registration-settings': {
			parameters: [slug],
			get: {
				summary: 'Réglages des inscriptions (jauge, ouverture, clôture, liste d’attente, rappels), les nombres et les questions',
				security: token,
				responses: {
					'200': { description: 'Réglages', headers: etagHeaders, content: jsonOf('RegistrationSettings') },
					...errors(401, 404)
				}
			},
			patch: {
				summary:
					'Changer des réglages (`null` efface une date ou la jauge) ; une jauge relevée fait passer les personnes en attente, une jauge sous le nombre d’inscrit·es est signalée (`warning`)',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('RegistrationSettingsInput') },
				responses: {
					'200': { description: 'Réglages', headers: etagHeaders, content: jsonOf('RegistrationSettings') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			}
		},
		'/events/{slug}/registration-questions': {
			parameters: [slug],
			post: {
				summary: 'Ajouter une question à la fin du formulaire d’inscription',
				security: token,
				requestBody: { required: true, content: jsonOf('RegistrationQuestionInput') },
				responses: { '201': { description: 'Ajoutée', content: jsonOf('RegistrationQuestion') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/registration-questions/{id}': {
			parameters: [slug, id],
			delete: {
				summary: 'Supprimer une question et toutes les réponses à celle-ci',
				security: token,
				responses: { '204': { description: 'Supprimée' }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/checklist': {
			parameters: [slug],
			get: {
				summary: 'La liste logistique (lieu, salles, restauration, technique…), par catégorie ; échéances calculées comme les tâches',
				security: token,
				responses: { '200': { description: 'Éléments', content: jsonArrayOf('ChecklistItem') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Ajouter un élément à la liste logistique',
				security: token,
				requestBody: { required: true, content: jsonOf('ChecklistItemInput') },
				responses: { '201': { description: 'Ajouté', content: jsonOf('ChecklistItem') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/checklist/{id}': {
			parameters: [slug, id],
			get: {
				summary: 'Un élément de la liste logistique',
				security: token,
				responses: { '200': { description: 'Élément', headers: etagHeaders, content: jsonOf('ChecklistItem') }, ...errors(401, 404) }
			},
			patch: {
				summary: 'Modifier un élément (champs de ChecklistItemInput, tous facultatifs)',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('ChecklistItemInput') },
				responses: {
					'200': { description: 'Modifié', headers: etagHeaders, content: jsonOf('ChecklistItem') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			},
			delete: {
				summary: 'Supprimer un élément',
				security: token,
				responses: { '204': { description: 'Supprimé' }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/walk-ins': {
			parameters: [
				slug,
				{
					name: 'halfDay',
					in: 'query',
					required: false,
					schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}:(am|pm)$' },
					description: 'Demi-journée du pointage (par défaut celle en cours)'
				}
			],
			post: {
				summary:
					'Inscrire et pointer une personne venue sans inscription (accueil) ; même corps que l’inscription, l’adresse e-mail facultative. 201 : créée ; 200 : déjà inscrite, pointée',
				security: token,
				requestBody: { required: true, content: { 'application/json': { schema: ref('RegistrationCreate') } } },
				responses: {
					'201': { description: 'Inscrite et pointée', content: jsonOf('Registration') },
					'200': { description: 'Déjà inscrite : pointée', content: jsonOf('RegistrationExisting') },
					...errors(400, 401, 403, 404, 409, 413, 422)
				}
			}
		},
		'/events/{slug}/attendance-record': {
			parameters: [
				slug,
				{ name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } },
				...csvQueryParameters(FRENCH_SPREADSHEET)
			],
			get: {
				summary: 'Le registre de présence : une ligne par personne, l’heure d’arrivée à chaque demi-journée (consigné au journal)',
				security: token,
				responses: {
					'200': {
						description: 'Fichier',
						content: {
							'text/csv': { schema: { type: 'string' } },
							'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } }
						}
					},
					...errors(401, 404, 422)
				}
			}
		},
		'/audit-log': {
			parameters: [
				{ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
				{ name: 'action', in: 'query', required: false, schema: { type: 'string' } },
				{ name: 'eventId', in: 'query', required: false, schema: { type: 'string' } }
			],
			get: {
				summary: 'Le journal des accès aux données personnelles (administrateur·ices de l’instance), le plus récent d’abord, 50 par page',
				security: token,
				responses: { '200': { description: 'Une page', content: jsonOf('AuditLogPage') }, ...errors(401, 404, 422) }
			}
		}
	}
};
