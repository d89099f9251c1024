/**
 * The small page behind the weekly e-mail's opt-out link: it is reached without an account,
 * outside the app's layout, so it is a complete, accessible HTML document of its own.
 */
import { translator, type Lang } from '../../i18n/index.ts';
import { escapeHtml } from '../mail/mail-layout.ts';

export function digestPage(
	lang: Lang,
	state: { eventTitle: string; address: string; receives: boolean; token: string; done: boolean }
): string {
	const t = translator(lang);
	const p = { event: state.eventTitle, address: state.address };
	const message = state.done
		? t(state.receives ? 'planning.digest.optInDone' : 'planning.digest.optOutDone', p)
		: state.receives
			? t('planning.digest.optOutAsk', p)
			: t('planning.digest.off');
	const button = state.receives ? t('planning.digest.optOutConfirm') : t('planning.digest.optInConfirm');
	const title = t('planning.digest.optOutTitle', { event: state.eventTitle });
	return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Maillage</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.55;color:#1b1f24;max-width:40rem;margin:2rem auto;padding:0 1rem}button{font:inherit;font-weight:600;padding:.5rem 1rem;background:#1d4e89;color:#fff;border:2px solid #1d4e89;border-radius:6px;cursor:pointer}:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p${state.done ? ' role="status"' : ''}>${escapeHtml(message)}</p>
<form method="POST"><input type="hidden" name="token" value="${escapeHtml(state.token)}"><input type="hidden" name="receive" value="${state.receives ? '0' : '1'}"><button type="submit">${escapeHtml(button)}</button></form>
</main></body></html>
`;
}
