import { getContext, setContext } from 'svelte';
import { translator, type Lang, type Translate } from '../i18n/index.ts';

const KEY = Symbol('i18n');

/** Called once by the root layout; components then read the translator with `useT()`. */
export function provideI18n(getLang: () => Lang): void {
	setContext(KEY, {
		get lang() {
			return getLang();
		},
		get t() {
			return translator(getLang());
		}
	});
}

export function useI18n(): { lang: Lang; t: Translate } {
	return getContext(KEY);
}
