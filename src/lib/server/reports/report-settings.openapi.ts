import { errors, etagHeaders, ifMatchParameter, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { improvementChecklistSchema } from './api-views.schema.ts';
import { reportSettingsInputSchema, signatoryInputSchema } from './report.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];

/** The report page's display settings and certificates' signatory; the previous edition's points made tasks. */
export const reportSettingsOpenApi: OpenApiPart = {
	schemas: {
		ReportSettingsInput: { schema: reportSettingsInputSchema },
		CertificateSignatoryInput: { schema: signatoryInputSchema },
		ImprovementChecklist: { schema: improvementChecklistSchema, output: true }
	},
	paths: {
		'/events/{slug}/report/settings': {
			parameters: [slug],
			put: {
				summary:
					'Réglages d’affichage du bilan : sections masquées, textes de l’équipe, verbatims, chiffres par session (remplacés en entier)',
				description:
					'Avec If-Match (l’ETag de GET /events/{slug}/review, la version du bilan), rien n’est modifié si le bilan a changé depuis sa lecture (412).',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('ReportSettingsInput') },
				responses: { '204': { description: 'Enregistrés', headers: etagHeaders }, ...errors(400, 401, 403, 404, 412, 413, 422) }
			}
		},
		'/events/{slug}/report/signatory': {
			parameters: [slug],
			put: {
				summary: 'Signataire des attestations de présence, et l’image de sa signature (PNG ou JPEG, 1 Mo au plus)',
				security: token,
				requestBody: { required: true, content: jsonOf('CertificateSignatoryInput') },
				responses: { '204': { description: 'Enregistré' }, ...errors(400, 401, 403, 404, 413, 422) }
			}
		},
		'/events/{slug}/improvement-points': {
			parameters: [slug],
			get: {
				summary: 'Les points « à améliorer » du bilan de l’édition précédente, comme sur la page Préparation',
				security: token,
				responses: { '200': { description: 'Les points', content: jsonOf('ImprovementChecklist') }, ...errors(401, 404) }
			}
		},
		'/events/{slug}/improvement-points/{index}/task': {
			parameters: [slug, { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } }],
			post: {
				summary: 'Faire d’un point « à améliorer » une tâche de cadrage du rétroplanning (trois mois avant) ; sans effet s’il l’est déjà',
				security: token,
				responses: { '204': { description: 'La tâche existe' }, ...errors(401, 403, 404, 422) }
			}
		}
	}
};
