import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLang, translator } from './index.ts';

function keys(o: object, prefix = ''): string[] {
	return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('i18n', () => {
	it('test_english_has_every_french_key', () => {
		expect(keys(MESSAGES.en).sort()).toEqual(keys(MESSAGES.fr).sort());
	});
	it('test_translator_interpolates', () => {
		expect(translator('fr')('errors.tooLong', { max: 200 })).toBe('Ce texte est trop long (au plus 200 caractères).');
		expect(translator('en')('team.remove', { name: 'Awa' })).toBe('Remove Awa');
	});
	it('test_pickLang_cookie_then_header_then_french', () => {
		expect(pickLang('en', 'fr-FR')).toBe('en');
		expect(pickLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
		expect(pickLang(undefined, 'de-DE')).toBe('fr');
		expect(pickLang(undefined, null)).toBe('fr');
	});
});
