/**
 * A translator that remembers its answers (pure, client-safe). i18next's `t` costs a few
 * microseconds per call, and the public programme asks for the same labels hundreds of times per
 * page ("Atelier", "Ajouter à mon programme"…): kept per language across requests, bounded.
 */
import { translator, type Lang, type Translate } from '../../i18n/index.ts';

const MAX_ENTRIES = 5000;
const caches = new Map<Lang, Translate>();

export function memoT(lang: Lang): Translate {
	let memo = caches.get(lang);
	if (!memo) {
		const t = translator(lang);
		const cache = new Map<string, string>();
		memo = (key, params) => {
			const k = params ? `${key}\u0000${JSON.stringify(params)}` : key;
			let v = cache.get(k);
			if (v === undefined) {
				if (cache.size >= MAX_ENTRIES) cache.clear();
				v = t(key, params);
				cache.set(k, v);
			}
			return v;
		};
		caches.set(lang, memo);
	}
	return memo;
}
