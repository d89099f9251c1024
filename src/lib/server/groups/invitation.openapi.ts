import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { invitationInputSchema, invitationViewSchema } from './groups.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Le groupe de travail' };
const token = [{ token: [] }];

/** Invitations to a working group by e-mail: the team invites, lists and revokes; a coordinator invites. */
export const groupInvitationsOpenApi: OpenApiPart = {
	schemas: {
		WorkingGroupInvitationInput: { schema: invitationInputSchema },
		WorkingGroupInvitation: { schema: invitationViewSchema, output: true }
	},
	paths: {
		'/events/{slug}/working-groups/{id}/invitations': {
			parameters: [slug, id],
			get: {
				summary: 'Les invitations du groupe (équipe) : adresse, envoi, acceptation ; jamais le lien, dont seule l’empreinte est gardée',
				security: token,
				responses: {
					'200': { description: 'Invitations, la plus récente d’abord', content: jsonArrayOf('WorkingGroupInvitation') },
					...errors(401, 404)
				}
			},
			post: {
				summary: 'Inviter une adresse à rejoindre le groupe : un e-mail part avec un lien à usage unique',
				description:
					'Porteur : le jeton d’API d’une personne de l’équipe (rôle organisateur·rice), ou le jeton du lien privé d’inscription (`mrg_…`) d’un·e coordinateur·rice du groupe (403 pour un·e autre membre). L’adresse invitée rejoint le groupe en acceptant, une fois inscrite à l’événement avec cette adresse. 409 pour un groupe clos.',
				security: token,
				requestBody: { required: true, content: jsonOf('WorkingGroupInvitationInput') },
				responses: {
					'201': { description: 'Invitation envoyée', content: jsonOf('WorkingGroupInvitation') },
					...errors(400, 401, 403, 404, 409, 413, 422)
				}
			}
		},
		'/events/{slug}/working-groups/{id}/invitations/{invitationId}': {
			parameters: [slug, id, { name: 'invitationId', in: 'path', required: true, schema: { type: 'string' } }],
			delete: {
				summary:
					'Retirer une invitation pas encore acceptée (équipe, rôle organisateur·rice) : son lien ne sert plus ; 409 une fois acceptée',
				security: token,
				responses: { '204': { description: 'Retirée' }, ...errors(401, 403, 404, 409) }
			}
		}
	}
};
