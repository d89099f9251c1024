import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLang, translator } from './index.ts';

function keys(o: object, prefix = ''): string[] {
	return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** Keys without their plural forms, which differ by language (« 3ᵉ » has two forms, "3rd" four). */
const baseKeys = (o: object) => [...new Set(keys(o).map((k) => k.replace(/(_ordinal)?_(zero|one|two|few|many|other)$/, '')))].sort();

describe('i18n', () => {
	it('test_english_has_every_french_key', () => {
		expect(baseKeys(MESSAGES.en)).toEqual(baseKeys(MESSAGES.fr));
	});
	it('test_plurals_and_ordinals_follow_each_language', () => {
		const fr = translator('fr');
		const en = translator('en');
		expect(fr('checkin.counter', { count: 1, expected: 1 })).toBe('1 arrivé·e sur 1 attendu·e');
		expect(fr('checkin.counter', { count: 2, expected: 3 })).toBe('2 arrivé·es sur 3 attendu·es');
		expect(fr('event.edition', { count: 1, ordinal: true })).toBe('1ʳᵉ édition');
		expect(fr('event.edition', { count: 3, ordinal: true })).toBe('3ᵉ édition');
		expect(en('event.edition', { count: 3, ordinal: true })).toBe('3rd edition');
		expect(fr('form.errorSummary', { count: 1 })).toBe('Le formulaire contient une erreur. Corrigez le champ signalé.');
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
