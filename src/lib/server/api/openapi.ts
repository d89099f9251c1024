import { z } from 'zod';
import { eventOpenApi } from '../events/event.openapi.ts';
import { programmeOpenApi } from '../programme/programme.openapi.ts';
import { registrationOpenApi } from '../registrations/registration.openapi.ts';
import { preparationOpenApi } from '../planning/preparation.openapi.ts';
import { campaignOpenApi } from '../campaigns/campaign.openapi.ts';
import { surveyOpenApi } from '../surveys/survey.openapi.ts';
import { errorSchema, type OpenApiPart } from './openapi-parts.ts';

/** Every area's part: add one line per area. */
const PARTS: OpenApiPart[] = [eventOpenApi, programmeOpenApi, registrationOpenApi, preparationOpenApi, surveyOpenApi, campaignOpenApi];

function components() {
	const inputs = z.registry<{ id: string }>();
	const outputs = z.registry<{ id: string }>();
	outputs.add(errorSchema, { id: 'Errors' });
	for (const part of PARTS)
		for (const [id, { schema, output }] of Object.entries(part.schemas)) (output ? outputs : inputs).add(schema, { id });
	const options = { unrepresentable: 'any', uri: (id: string) => `#/components/schemas/${id}`, target: 'openapi-3.0' } as const;
	return {
		...z.toJSONSchema(inputs, { ...options, io: 'input' }).schemas,
		...z.toJSONSchema(outputs, { ...options, io: 'output' }).schemas
	};
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
			license: { name: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${publicUrl}/api/v1` }],
		components: { schemas: components(), securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
		security: [{ token: [] }, {}],
		paths: Object.assign({}, ...PARTS.map((p) => p.paths))
	};
}
