/**
 * Who a session is reserved to, in words: « coordinateur·rices et élu·es ». Client-safe, so that
 * the registration form (next to the session) and the registration service (in the error it gives
 * a person whose role is not in the list) say it the same way.
 */
import type { Lang, Translate } from '../i18n/index.ts';

/** The categories of a session's audience as one phrase of the language, lower-case for use mid-sentence. */
export function audienceText(audience: readonly string[], t: Translate, lang: Lang): string {
	const labels = audience.map((a) => {
		const label = t(`programme.audience.${a}`);
		return label.charAt(0).toLocaleLowerCase(lang) + label.slice(1);
	});
	return new Intl.ListFormat(lang, { type: 'conjunction' }).format(labels);
}
