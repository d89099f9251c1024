import { describe, expect, it } from 'vitest';
import { PARTICIPANT_ROLES } from '../registrations/registration.schema.ts';
import { buildOpenApi } from '../api/openapi.ts';
import { issuesThrownBy } from '../../../../tests/helpers/service.ts';
import { AUDIENCE_CATEGORIES, parseProgramme, sessionCreateSchema, speakerProfileSchema } from './programme.schema.ts';

describe('programme schemas', () => {
	it('test_audience_categories_are_the_roles_people_register_with', () => {
		expect([...AUDIENCE_CATEGORIES]).toEqual([...PARTICIPANT_ROLES]);
	});

	it('test_parseProgramme_keeps_own_messages_and_names_each_unknown_field', () => {
		expect(issuesThrownBy(() => parseProgramme(speakerProfileSchema, { name: 'Awa', colour: 'bleu', size: 3 }))).toEqual([
			'status:programme.errors.answerRequired',
			'colour:errors.unknownField',
			'size:errors.unknownField'
		]);
	});

	it('test_texts_posted_with_crlf_are_stored_with_lf', () => {
		const s = parseProgramme(sessionCreateSchema, {
			title: 'A',
			format: 'workshop',
			startsAt: '2027-06-10T09:00',
			synthesis: 'Un.\r\n\r\nDeux.\r\n'
		});
		expect(s.synthesis).toBe('Un.\n\nDeux.');
	});

	it('test_session_times_are_stored_in_utc', () => {
		const s = parseProgramme(sessionCreateSchema, {
			title: 'A',
			format: 'workshop',
			startsAt: '2027-06-10T09:00',
			endsAt: '2027-06-10T10:00:00+02:00'
		});
		expect([s.startsAt, s.endsAt]).toEqual(['2027-06-10T07:00:00.000Z', '2027-06-10T08:00:00.000Z']);
	});

	it('test_openapi_documents_the_programme_contract', () => {
		const doc = buildOpenApi('http://localhost:3000') as any;
		const create = doc.components.schemas.SessionCreate;
		expect(create.required).toEqual(expect.arrayContaining(['title', 'format', 'startsAt']));
		expect(Object.keys(create.properties)).toEqual(
			expect.arrayContaining(['title', 'format', 'startsAt', 'endsAt', 'roomId', 'speakerIds', 'expectedAttendance', 'capacity'])
		);
		expect(doc.components.schemas.RoomCreate.required).toEqual(['name']);
		expect(doc.components.schemas.Conflict.properties.kind.enum).toEqual([
			'room-overlap',
			'speaker-overlap',
			'speaker-no-travel-time',
			'over-capacity',
			'no-breathing-time',
			'no-informal-time',
			'past-day-end'
		]);
		expect(doc.paths['/events/{slug}/sessions'].post.responses['422'].content['application/json'].schema.$ref).toBe(
			'#/components/schemas/Errors'
		);
		expect(doc.paths['/events/{slug}/sessions/{id}'].patch).toBeDefined();
		expect(doc.paths['/events/{slug}/sessions/{id}'].delete).toBeDefined();
	});
});
