import { z } from 'zod';
import { eventOpenApi } from '../events/event.openapi.ts';
import { programmeOpenApi } from '../programme/programme.openapi.ts';
import { registrationOpenApi } from '../registrations/registration.openapi.ts';
import { preparationOpenApi } from '../planning/preparation.openapi.ts';
import { webhookOpenApi } from '../webhooks/webhook.openapi.ts';
import { reportOpenApi } from '../reports/report.openapi.ts';
import { campaignOpenApi } from '../campaigns/campaign.openapi.ts';
import { surveyOpenApi } from '../surveys/survey.openapi.ts';
import { directoryOpenApi } from '../directory/directory.openapi.ts';
import { nationalOpenApi } from '../national/national.openapi.ts';
import { groupsOpenApi } from '../groups/groups.openapi.ts';
import { networkOpenApi } from '../network/network.openapi.ts';
import { directoryModerationOpenApi } from '../directory/moderation.openapi.ts';
import { directoryMembershipOpenApi } from '../directory/membership.openapi.ts';
import { groupInvitationsOpenApi } from '../groups/invitation.openapi.ts';
import { registrationPageOpenApi } from '../registrations/registration-page.openapi.ts';
import { registrationImportOpenApi } from '../registrations/registration-import.openapi.ts';
import { programmeArrangementOpenApi } from '../programme/programme-arrangement.openapi.ts';
import { campaignToolsOpenApi } from '../campaigns/campaign-tools.openapi.ts';
import { surveyImportOpenApi } from '../surveys/survey-import.openapi.ts';
import { networkSettingsOpenApi } from '../network/network-settings.openapi.ts';
import { reportSettingsOpenApi } from '../reports/report-settings.openapi.ts';
import { planningActionsOpenApi } from '../planning/planning-actions.openapi.ts';
import { outboxOpenApi } from '../admin/outbox.openapi.ts';
import { reviewerOpenApi } from '../national/reviewer.openapi.ts';
import { errorSchema, type OpenApiPart } from './openapi-parts.ts';
import { screensOpenApi } from './screens.openapi.ts';

/** Every area's part: add one line per area. */
const PARTS: OpenApiPart[] = [
	eventOpenApi,
	programmeOpenApi,
	registrationOpenApi,
	preparationOpenApi,
	webhookOpenApi,
	surveyOpenApi,
	reportOpenApi,
	directoryOpenApi,
	nationalOpenApi,
	campaignOpenApi,
	screensOpenApi,
	groupsOpenApi,
	networkOpenApi,
	directoryModerationOpenApi,
	directoryMembershipOpenApi,
	groupInvitationsOpenApi,
	registrationPageOpenApi,
	registrationImportOpenApi,
	programmeArrangementOpenApi,
	campaignToolsOpenApi,
	surveyImportOpenApi,
	networkSettingsOpenApi,
	reportSettingsOpenApi,
	planningActionsOpenApi,
	outboxOpenApi,
	reviewerOpenApi
];

function components() {
	const inputs = z.registry<{ id: string }>();
	const outputs = z.registry<{ id: string }>();
	outputs.add(errorSchema, { id: 'Errors' });
	for (const part of PARTS)
		for (const [id, { schema, output }] of Object.entries(part.schemas)) (output ? outputs : inputs).add(schema, { id });
	const options = { unrepresentable: 'any', uri: (id: string) => `#/components/schemas/${id}`, target: 'openapi-3.0' } as const;
	return forOpenApi30({
		...z.toJSONSchema(inputs, { ...options, io: 'input' }).schemas,
		...z.toJSONSchema(outputs, { ...options, io: 'output' }).schemas
	});
}

/**
 * zod's JSON Schema, made an OpenAPI 3.0 Schema Object at every depth: zod writes each
 * registered schema's `id` as `$id`, a keyword OpenAPI 3.0 does not allow (validators refuse the
 * document; components are named by their key); and a nullable enum lists `null` among its
 * values, as OpenAPI 3.0.3 requires for `null` to be valid (`nullable` alone does not add it).
 */
function forOpenApi30<T>(value: T): T {
	if (Array.isArray(value)) return value.map(forOpenApi30) as T;
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => key !== '$id' && key !== '$schema')
			.map(([key, v]) => [key, forOpenApi30(v)])
	);
	if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
	return out as T;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const VERB: Record<string, string> = { get: 'get', put: 'replace', post: 'create', delete: 'delete', patch: 'update' };

/**
 * An operation's `operationId` when its part gives none, made from its method and path, e.g.
 * `GET /events/{slug}/rooms` → `getEventsRooms`, `DELETE /events/{slug}/rooms/{id}` →
 * `deleteEventsRoomsById`, `GET /events/{slug}` → `getEventsBySlug`: stable as long as the path is, and unique since paths are.
 */
export function operationIdFor(method: string, path: string): string {
	const words = path
		.split('/')
		.filter(Boolean)
		.map((segment, i, all) => {
			const param = /^\{(\w+)\}$/.exec(segment)?.[1];
			// `{slug}` between `events` and a sub-resource goes without saying; other parameters are spelled out.
			if (param)
				return param === 'slug' && all[i - 1] === 'events' && i < all.length - 1 ? '' : `By${param[0].toUpperCase()}${param.slice(1)}`;
			return segment
				.split(/[^A-Za-z0-9]+/)
				.filter(Boolean)
				.map((w) => w[0].toUpperCase() + w.slice(1))
				.join('');
		});
	return (VERB[method] ?? method) + words.join('');
}

/**
 * The parts' paths as one object: a path two parts describe (the directory's `GET` of a structure,
 * its members' `PATCH`) gets the operations of both; one operation described twice is a mistake.
 */
function mergedPaths(parts: Record<string, unknown>[]): Record<string, unknown> {
	const out: Record<string, Record<string, unknown>> = {};
	for (const paths of parts)
		for (const [path, item] of Object.entries(paths)) {
			const into = (out[path] ??= {});
			for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
				if ((METHODS as readonly string[]).includes(key) && key in into) throw new Error(`OpenAPI: ${key} ${path} is described twice`);
				into[key] = value;
			}
		}
	return out;
}

function withOperationIds(paths: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(paths).map(([path, item]) => {
			const out: Record<string, unknown> = { ...(item as Record<string, unknown>) };
			for (const method of METHODS) {
				const op = out[method] as Record<string, unknown> | undefined;
				if (op && !op.operationId) out[method] = { operationId: operationIdFor(method, path), ...op };
			}
			return [path, out];
		})
	);
}

/** The OpenAPI 3 description of /api/v1, built from the validation schemas of every area. */
export function buildOpenApi(publicUrl: string) {
	return {
		openapi: '3.0.3',
		info: {
			title: 'Maillage API',
			version: '1',
			description:
				'API des événements Numérique en Commun[s] locaux. Authentification : jeton personnel (`Authorization: Bearer …`), créé dans l’application. Les messages d’erreur sont en français (en anglais avec `Accept-Language: en`).',
			license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' }
		},
		servers: [{ url: `${publicUrl}/api/v1` }],
		components: { schemas: components(), securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
		security: [{ token: [] }, {}],
		paths: withOperationIds(mergedPaths(PARTS.map((p) => p.paths)))
	};
}
