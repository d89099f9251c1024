/**
 * The tokens of private links in a written message, and how the outbox hides them. A private
 * link acts as its holder: a registration's page (`/inscription/<token>`, with its survey, its
 * network pages, its data and certificate), a speaker's page (`/intervenant/<token>`), a sign-in
 * link (`/api/auth/magic-link/verify?token=…`), an unsubscribe link (`?token=mun_…`) or the weekly
 * task e-mail's opt-out (`?token=…`). Only hashes of these tokens are kept elsewhere; a message
 * carries them in clear until it is sent, then the worker masks them in what the outbox keeps
 * (markMailSent), and the administrators' screen masks them in whatever it shows.
 *
 * Not masked: a check-in code (`/inscription/accueil/<code>`, printed on badges), which only the
 * event's team can use, and public addresses (`/e/<slug>`, `/connexion?email=…`).
 */

/** What a token becomes: no URL character, so that it cannot pass for a token. */
export const TOKEN_MASK = '••••••';

/** Right after an origin (`https://host`), or where a relative link starts. */
const ROOT = String.raw`(?:\/\/[^/\s"'<>]+|^|[\s"'(=])`;
/** The end of a path segment. */
const END = String.raw`(?=[/?#"'<>\s)]|$)`;

const PATTERNS: RegExp[] = [
	// A registration's private page and every page under it; `accueil/<code>` and `supprimee` are no tokens.
	new RegExp(String.raw`(?<=${ROOT}\/inscription\/)(?!(?:accueil|supprimee)${END})[A-Za-z0-9_-]+`, 'gm'),
	new RegExp(String.raw`(?<=${ROOT}\/intervenant\/)[A-Za-z0-9_-]+`, 'gm'),
	// `token=` in a query, after `?`, `&` or `&amp;` (HTML part), as sign-in, unsubscribe and opt-out links carry it.
	/(?<=[?&;]token=)[^&\s"'<>]+/g,
	// A registration or unsubscribe token wherever it stands (a copied link, a header).
	/\b(?:mrg|mun)_[A-Za-z0-9_-]{8,}/g
];

/** `text` with the token of every private link replaced by TOKEN_MASK. */
export function maskPrivateLinks(text: string): string {
	let out = text;
	for (const pattern of PATTERNS) out = out.replace(pattern, TOKEN_MASK);
	return out;
}

/** Each header's value with its private links masked (`List-Unsubscribe` carries one). */
export function maskPrivateLinksInHeaders(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, maskPrivateLinks(value)]));
}

/**
 * An address shown without being given away: the first two characters of the local part and the
 * domain (`ca•••@exemple.org`), enough to recognise a message one is asked about and to see
 * where a delivery fails.
 */
export function maskAddress(address: string): string {
	const at = address.lastIndexOf('@');
	if (at < 0) return TOKEN_MASK;
	const local = address.slice(0, at);
	return `${local.slice(0, Math.min(2, Math.max(0, local.length - 1)))}•••${address.slice(at)}`;
}
