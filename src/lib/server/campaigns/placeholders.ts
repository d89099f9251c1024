/**
 * The placeholders a campaign's subject and text may hold, e.g. « Bonjour {prenom} ». Pure:
 * checked when a campaign is saved (an unknown one is refused, never sent as a blank) and
 * replaced when each message is written.
 */
export const PLACEHOLDERS = [
	'prenom',
	'nom',
	'evenement',
	'dates',
	'lieu',
	'lien_inscription',
	'lien_personnel',
	'lien_questionnaire',
	'lien_bilan'
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Placeholders that only a registered person has: their private link and its survey page. */
export const REGISTRATION_PLACEHOLDERS: readonly Placeholder[] = ['lien_personnel', 'lien_questionnaire'];

const PATTERN = /\{([^{}\n]{0,40})\}/g;

/** The names between braces in `text`, in order, each once. */
export function placeholdersIn(text: string): string[] {
	return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1].trim()))];
}

/** The names in `text` that are not placeholders. */
export function unknownPlaceholders(text: string): string[] {
	return placeholdersIn(text).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** Whether `text` needs a registration's private link. */
export function needsRegistration(...texts: string[]): boolean {
	return texts.some((t) => placeholdersIn(t).some((n) => (REGISTRATION_PLACEHOLDERS as readonly string[]).includes(n)));
}

/** `text` with every known placeholder replaced by its value (the text is escaped later, by the layout). */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
	return text.replace(PATTERN, (whole, name: string) => {
		const key = name.trim() as Placeholder;
		return key in values ? values[key] : whole;
	});
}
