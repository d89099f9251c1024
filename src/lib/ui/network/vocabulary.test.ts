import { describe, expect, it } from 'vitest';
import { PARTICIPANT_ROLES as REG_ROLES, PARTICIPANT_STRUCTURE_TYPES as REG_TYPES } from '#lib/server/registrations/registration.schema.ts';
import { PARTICIPANT_ROLES, PARTICIPANT_STRUCTURE_TYPES } from './vocabulary.ts';

describe('network vocabulary', () => {
	it('test_roles_and_structure_types_equal_the_registration_lists', () => {
		expect([...PARTICIPANT_ROLES]).toEqual([...REG_ROLES]);
		expect([...PARTICIPANT_STRUCTURE_TYPES]).toEqual([...REG_TYPES]);
	});
});
