import { describe, expect, it } from 'vitest';
import { LANGS, MESSAGES, i18nextTranslator, pickLang, translator } from './index.ts';

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
	it('test_translator_answers_every_message_as_i18next_does', () => {
		for (const lang of LANGS) {
			const t = translator(lang);
			const reference = i18nextTranslator(lang);
			for (const key of keys(MESSAGES.fr)) {
				const text = String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], MESSAGES[lang]) ?? '');
				const names = [...text.matchAll(/\{\{-?\s*([\w$.]+)/g)].map((m) => m[1]);
				// Values with what a naive replacement would misread ($&), and one missing, null or a number.
				const params = Object.fromEntries(names.map((n, i) => [n, i === 0 ? `‹${n} $& $1›` : i === 1 ? 42 : i === 2 ? null : `‹${n}›`]));
				expect(t(key), `${lang} ${key}`).toBe(reference(key));
				expect(t(key, params), `${lang} ${key} with values`).toBe(reference(key, params));
				expect(t(key, { ...params, count: 2 }), `${lang} ${key} with count`).toBe(reference(key, { ...params, count: 2 }));
				if (names.length > 1) {
					const { [names[0]]: _missing, ...fewer } = params;
					expect(t(key, fewer), `${lang} ${key} with a value missing`).toBe(reference(key, fewer));
				}
			}
			expect(t('no.such.key', { a: 1 })).toBe(reference('no.such.key', { a: 1 }));
			// Options that change the answer, and values that are not the object's own.
			for (const params of [
				{ name: 'Awa', keySeparator: false },
				{ name: 'Awa', keySeparator: '/' },
				{ name: 'Awa', defaultValue_one: 'x' },
				Object.create({ name: 'Awa' }) as Record<string, unknown>,
				Object.defineProperty({}, 'name', { value: 'Awa', enumerable: false }) as Record<string, unknown>
			])
				expect(t('team.remove', params), `${lang} ${JSON.stringify(params)}`).toBe(reference('team.remove', params));
		}
	});
	it('test_pickLang_cookie_then_header_then_french', () => {
		expect(pickLang('en', 'fr-FR')).toBe('en');
		expect(pickLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
		expect(pickLang(undefined, 'de-DE')).toBe('fr');
		expect(pickLang(undefined, null)).toBe('fr');
	});
});
