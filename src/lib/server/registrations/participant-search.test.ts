import { describe, expect, it } from 'vitest';
import { foldForSearch } from './participant-search.ts';

describe('foldForSearch', () => {
	it('test_fold_ignores_case_and_accents', () => {
		for (const text of ['Émilie', 'EMILIE', 'émilie', 'E\u0301milie', 'ÉMILIE']) expect(foldForSearch(text), text).toBe('emilie');
		expect(foldForSearch('Zoë Lefèvre')).toBe('zoe lefevre');
		expect(foldForSearch('François Çelik')).toBe('francois celik');
	});

	it('test_fold_spells_out_letters_that_do_not_decompose', () => {
		expect(foldForSearch('Œuvre, cœur, Æsop')).toBe('oeuvre, coeur, aesop');
		expect(foldForSearch('Ørsted Łódź Straße ẞ Đorđe')).toBe('orsted lodz strasse ss dorde');
		expect(foldForSearch('ﬁbre Ｍairie')).toBe('fibre mairie');
	});

	it('test_fold_makes_hyphens_apostrophes_and_spaces_alike', () => {
		expect(foldForSearch('Marie-Hélène  N’Diaye')).toBe("marie helene n'diaye");
		expect(foldForSearch('Main\u00a0d’Œuvre')).toBe(foldForSearch("main d'oeuvre"));
		expect(foldForSearch('awa.diallo@exemple.fr')).toBe('awa.diallo@exemple.fr');
	});

	it('test_fold_keeps_what_it_cannot_fold_distinct', () => {
		expect(foldForSearch('Zoltán')).not.toBe(foldForSearch('Zoé'));
		expect(foldForSearch('Ο Σωκράτης')).toBe('ο σωκρατης');
	});
});
