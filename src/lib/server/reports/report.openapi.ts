import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, ref, type OpenApiPart } from '../api/openapi-parts.ts';
import { committeeMemberInputSchema, meetingInputSchema, timeEntryInputSchema } from '../planning/planning.schema.ts';
import {
	checkinResultSchema,
	committeeMemberViewSchema,
	meetingViewSchema,
	reviewViewSchema,
	synthesisViewSchema,
	timeEntryViewSchema
} from './api-views.schema.ts';
import { checkinInputSchema, reportApiViewSchema, reportPublishSchema, reviewInputSchema, synthesisInputSchema } from './report.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];
// The committee's items take their version from If-Match, or from the body as GET returned it.
const ITEMS = {
	CommitteeMember: ['Un membre du comité', 'Retirer un membre du comité (son temps saisi et ses présences avec lui)'],
	Meeting: ['Une réunion (son compte rendu et ses décisions compris)', 'Supprimer une réunion'],
	TimeEntry: ['Une saisie de temps', 'Supprimer une saisie de temps']
} as const;

/** GET, PATCH and DELETE of one item of the committee's lists (see versionedItemEndpoints). */
function itemPath(name: keyof typeof ITEMS) {
	const [one, remove] = ITEMS[name];
	return {
		parameters: [slug, id],
		get: {
			summary: one,
			security: token,
			responses: { '200': { description: name, headers: etagHeaders, content: jsonOf(name) }, ...errors(401, 404) }
		},
		patch: {
			summary: `Modifier : ${one.toLowerCase()} (champs de ${name}Input, tous facultatifs)`,
			description:
				'Avec If-Match, la modification n’est faite que si l’élément n’a pas changé depuis sa lecture (sinon 412). Sans If-Match, le champ `version` du corps (celui de GET) joue le même rôle (sinon 409). Dans les deux cas, rien n’est modifié.',
			security: token,
			parameters: [ifMatchParameter],
			requestBody: { required: true, content: jsonOf(`${name}Input`) },
			responses: { '200': { description: name, headers: etagHeaders, content: jsonOf(name) }, ...errors(400, 401, 403, 404, 409, 412, 422) }
		},
		delete: { summary: remove, security: token, responses: { '204': { description: 'Supprimé' }, ...errors(401, 403, 404) } }
	};
}
const pdf = (description: string) => ({
	'200': { description, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }
});

/** The report, syntheses, certificates, next edition, and the API writes the report reads from. */
export const reportOpenApi: OpenApiPart = {
	schemas: {
		Report: { schema: reportApiViewSchema, output: true },
		ReportPublish: { schema: reportPublishSchema },
		ReviewInput: { schema: reviewInputSchema },
		Review: { schema: reviewViewSchema, output: true },
		SynthesisInput: { schema: synthesisInputSchema },
		Synthesis: { schema: synthesisViewSchema, output: true },
		CheckinInput: { schema: checkinInputSchema },
		Checkin: { schema: checkinResultSchema, output: true },
		CommitteeMemberInput: { schema: committeeMemberInputSchema },
		CommitteeMember: { schema: committeeMemberViewSchema, output: true },
		MeetingInput: { schema: meetingInputSchema },
		Meeting: { schema: meetingViewSchema, output: true },
		TimeEntryInput: { schema: timeEntryInputSchema },
		TimeEntry: { schema: timeEntryViewSchema, output: true }
	},
	paths: {
		'/events/{slug}/report': {
			parameters: [slug],
			get: {
				summary:
					'Le bilan, calculé à chaque lecture : pour l’équipe (jeton), ou public sans jeton une fois publié (404 avant), sans aucune donnée personnelle de participant·e',
				responses: { '200': { description: 'Le bilan', content: jsonOf('Report') }, ...errors(401, 404) }
			},
			patch: {
				summary: 'Publier (`true`) ou retirer (`false`) le bilan public, à /e/{slug}/bilan',
				security: token,
				requestBody: { required: true, content: jsonOf('ReportPublish') },
				responses: { '200': { description: 'Le bilan', content: jsonOf('Report') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/report.pdf': {
			parameters: [slug],
			get: {
				summary: 'Le bilan en PDF A4 (couverture, sommaire, numéros de page) ; public une fois publié',
				responses: { ...pdf('PDF'), ...errors(401, 404) }
			}
		},
		'/events/{slug}/review': {
			parameters: [slug],
			get: {
				summary: 'Le regard des organisateur·ices',
				security: token,
				responses: {
					'200': { description: 'Regard ; l’ETag est la version du bilan', headers: etagHeaders, content: jsonOf('Review') },
					...errors(401, 404)
				}
			},
			put: {
				summary: 'Remplacer « à améliorer » et « à conserver » (texte sans balise, non vide)',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('ReviewInput') },
				responses: {
					'200': { description: 'Enregistré', headers: etagHeaders, content: jsonOf('Review') },
					...errors(400, 401, 403, 404, 409, 412, 413, 422)
				}
			}
		},
		'/events/{slug}/sessions/{id}/synthesis': {
			parameters: [slug, id],
			get: {
				summary: 'La synthèse d’une session ; version 0 (ETag "0") tant qu’elle n’a jamais été écrite',
				security: token,
				responses: { '200': { description: 'Synthèse', headers: etagHeaders, content: jsonOf('Synthesis') }, ...errors(401, 404) }
			},
			put: {
				summary:
					'Remplacer la synthèse d’une session (sections de points, lien de l’enregistrement) ; les intervenant·es l’écrivent aussi depuis leur lien : If-Match évite d’écraser leur texte',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('SynthesisInput') },
				responses: {
					'200': { description: 'Enregistrée', headers: etagHeaders, content: jsonOf('Synthesis') },
					...errors(400, 401, 403, 404, 409, 412, 413, 422)
				}
			}
		},
		'/events/{slug}/participants': {
			parameters: [slug],
			post: {
				summary:
					'Ajouter une inscription (équipe), à tout moment, y compris après la clôture et pour un événement passé ; même corps que l’inscription publique, le consentement relevant de l’équipe. 201 : créée ; 200 : adresse déjà inscrite.',
				security: token,
				requestBody: { required: true, content: { 'application/json': { schema: ref('RegistrationCreate') } } },
				responses: {
					'201': { description: 'Inscrit·e', content: jsonOf('Registration') },
					'200': { description: 'Déjà inscrit·e avec cette adresse', content: jsonOf('RegistrationExisting') },
					...errors(400, 401, 403, 404, 409, 413, 422)
				}
			}
		},
		'/events/{slug}/checkins': {
			parameters: [slug],
			post: {
				summary: 'Pointer une personne pour une demi-journée : 201, ou 200 si elle l’était déjà',
				security: token,
				requestBody: { required: true, content: jsonOf('CheckinInput') },
				responses: {
					'201': { description: 'Pointée', content: jsonOf('Checkin') },
					'200': { description: 'Déjà pointée', content: jsonOf('Checkin') },
					...errors(400, 401, 403, 404, 422)
				}
			},
			delete: {
				summary: 'Annuler un pointage (même corps)',
				security: token,
				requestBody: { required: true, content: jsonOf('CheckinInput') },
				responses: { '204': { description: 'Annulé' }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/committee': {
			parameters: [slug],
			get: {
				summary: 'Le comité d’organisation',
				security: token,
				responses: { '200': { description: 'Membres', content: jsonArrayOf('CommitteeMember') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Ajouter une structure ou une personne au comité',
				security: token,
				requestBody: { required: true, content: jsonOf('CommitteeMemberInput') },
				responses: { '201': { description: 'Ajouté', content: jsonOf('CommitteeMember') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/committee/{id}': itemPath('CommitteeMember'),
		'/events/{slug}/meetings': {
			parameters: [slug],
			get: {
				summary: 'Les réunions, la plus récente d’abord',
				security: token,
				responses: { '200': { description: 'Réunions', content: jsonArrayOf('Meeting') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Noter une réunion',
				security: token,
				requestBody: { required: true, content: jsonOf('MeetingInput') },
				responses: { '201': { description: 'Ajoutée', content: jsonOf('Meeting') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/meetings/{id}': itemPath('Meeting'),
		'/events/{slug}/time-entries': {
			parameters: [slug],
			get: {
				summary: 'Le temps passé, le plus récent d’abord',
				security: token,
				responses: { '200': { description: 'Saisies', content: jsonArrayOf('TimeEntry') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Saisir du temps passé par un membre du comité, dans une phase',
				security: token,
				requestBody: { required: true, content: jsonOf('TimeEntryInput') },
				responses: { '201': { description: 'Ajoutée', content: jsonOf('TimeEntry') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/time-entries/{id}': itemPath('TimeEntry'),
		'/events/{slug}/certificates/{registrationId}.pdf': {
			parameters: [
				slug,
				{
					name: 'registrationId',
					in: 'path',
					required: true,
					schema: { type: 'string' },
					description: 'Une inscription, ou « all » pour toutes (une page chacune)'
				}
			],
			get: {
				summary: 'Attestation de présence (équipe) ; 404 pour une personne jamais pointée',
				security: token,
				responses: { ...pdf('Attestation'), ...errors(401, 404, 422) }
			}
		},
		'/events/{slug}/certificates.zip': {
			parameters: [slug],
			get: {
				summary: 'Toutes les attestations de présence, un PDF par personne',
				security: token,
				responses: {
					'200': { description: 'ZIP', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
					...errors(401, 404, 422)
				}
			}
		},
		'/events/{slug}/next-edition': {
			parameters: [slug],
			post: {
				summary: 'Préparer l’édition suivante : un brouillon créé à partir de cet événement, lié à lui ; 409 s’il existe déjà',
				security: token,
				responses: { '201': { description: 'Le nouvel événement', content: jsonOf('Event') }, ...errors(401, 403, 404, 409) }
			}
		}
	}
};
