import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi.ts';

describe('openapi', () => {
	it('test_buildOpenApi_documents_the_event_schemas_from_validation', () => {
		const doc = buildOpenApi('http://localhost:3000') as any;
		expect(doc.openapi).toMatch(/^3\./);
		const create = doc.components.schemas.EventCreate;
		expect(create.required).toEqual(expect.arrayContaining(['title', 'themes', 'startsAt', 'endsAt', 'format']));
		expect(create.properties.format.enum).toEqual(['onsite', 'online', 'hybrid']);
		expect(create.properties.themes.minItems).toBe(2);
		expect(doc.components.schemas.EventPatch.properties.status.enum).toEqual(['draft', 'published', 'archived']);
		expect(doc.components.schemas.Event.properties.url).toBeDefined();
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/events', '/events/{slug}']));
		expect(doc.paths['/events'].post.responses['422'].content['application/json'].schema.$ref).toBe('#/components/schemas/Errors');
	});
});
