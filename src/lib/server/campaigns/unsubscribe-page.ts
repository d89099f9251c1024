/**
 * The page behind a campaign message's unsubscribe link: reached without an account, outside the
 * app's layout, so a complete, accessible HTML document of its own. Opening it changes nothing;
 * its button (or the mail client's one-click POST) unsubscribes. The working groups' weekly digest
 * uses it for its opt-out link, with its own words (`keys`: the messages' prefix).
 */
import { translator, type Lang } from '../../i18n/index.ts';
import { escapeHtml } from '../mail/mail-layout.ts';

export function unsubscribePage(
	lang: Lang,
	state: { eventTitle: string; email: string; token: string; done: boolean } | { badLink: true },
	keys: 'campaigns.unsubscribe' | 'groups.digest.optOut' = 'campaigns.unsubscribe'
): string {
	const t = translator(lang);
	const title = t(`${keys}.title`);
	if ('badLink' in state) return htmlDocument(lang, title, `<p>${escapeHtml(t(`${keys}.badLink`))}</p>`);
	const p = { event: state.eventTitle, email: state.email };
	const message = state.done ? t(`${keys}.done`, p) : t(`${keys}.ask`, p);
	const form = state.done
		? ''
		: `<form method="POST"><input type="hidden" name="token" value="${escapeHtml(state.token)}"><button type="submit">${escapeHtml(t(`${keys}.confirm`))}</button></form>`;
	return htmlDocument(lang, title, `<p${state.done ? ' role="status"' : ''}>${escapeHtml(message)}</p>\n${form}`);
}

function htmlDocument(lang: Lang, title: string, content: string): string {
	return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Maillage</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.55;color:#1b1f24;max-width:40rem;margin:2rem auto;padding:0 1rem}button{font:inherit;font-weight:600;padding:.5rem 1rem;background:#1d4e89;color:#fff;border:2px solid #1d4e89;border-radius:6px;cursor:pointer}:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${content}
</main></body></html>
`;
}
