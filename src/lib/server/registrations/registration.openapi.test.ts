import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../api/openapi.ts';

describe('registration openapi', () => {
	const doc = buildOpenApi('http://localhost:3000') as any;
	const schemas = doc.components.schemas;

	it('test_post_registrations_200_documents_the_existing_registration_without_its_private_link', () => {
		const responses = doc.paths['/events/{slug}/registrations'].post.responses;

		expect(responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/Registration');
		expect(responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/RegistrationExisting');
		expect(responses['200'].description).toContain('manageToken: null');
		expect(schemas.RegistrationExisting.required).toEqual(expect.arrayContaining(['id', 'status', 'sessions', 'manageToken']));
		expect(schemas.RegistrationExisting.properties.manageToken).toMatchObject({ nullable: true, enum: [null] });
		expect(schemas.Registration.properties.manageToken.nullable).toBeUndefined();
	});

	it('test_get_registration_documents_both_answers', () => {
		const ok = doc.paths['/registrations/{id}'].get.responses['200'];
		expect(ok.content['application/json'].schema.oneOf).toEqual([
			{ $ref: '#/components/schemas/ParticipantDetail' },
			{ $ref: '#/components/schemas/OwnRegistration' }
		]);
		expect(Object.keys(schemas.OwnRegistration.properties)).toEqual(['event', 'registration']);
		expect(schemas.OwnRegistration.properties.registration.properties.checkinCode).toBeUndefined();
	});

	it('test_registration_create_documents_when_sensitive_consent_is_required', () => {
		const create = schemas.RegistrationCreate.properties;

		const sensitive = create.consents.properties.sensitive.description as string;

		for (const field of ['accessibility.needs', 'accessibility.details', 'dietDetails']) expect(sensitive).toContain(field);
		expect(sensitive).toMatch(/article 9/);
		expect(create.accessibility.description).toContain('consents.sensitive');
		expect(create.dietDetails.description).toContain('consents.sensitive');
	});
});
