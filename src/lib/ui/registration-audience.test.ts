import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import { audienceText } from './registration-audience.ts';

describe('audienceText', () => {
	it('test_audienceText_lists_the_categories_in_each_language_lower_case', () => {
		expect(audienceText(['coordinateur', 'elu'], translator('fr'), 'fr')).toBe('coordinateur·rices et élu·es');
		expect(audienceText(['coordinateur', 'elu', 'benevole'], translator('en'), 'en')).toBe(
			'coordinators, elected officials, and volunteers'
		);
	});
});
