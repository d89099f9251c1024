/**
 * The one layout of every e-mail Maillage sends: a heading, paragraphs, an optional button and
 * a footer, as an accessible HTML part and a plain-text part that carries the same words.
 * Pure: the callers give the texts (in French first); everything they give is escaped.
 */

export type MailLang = 'fr' | 'en';

export interface MailContent {
	lang?: MailLang;
	/** The line mail clients show after the subject in the inbox; hidden in the message itself. */
	preheader?: string;
	title: string;
	paragraphs: string[];
	action?: { label: string; url: string };
	footer?: string;
	/** A link under the footer, e.g. a campaign's unsubscribe link (a real `<a>` in the HTML part). */
	footerLink?: { label: string; url: string };
	/** Makes the http(s) addresses written in the paragraphs links (a campaign's text, typed by organisers). */
	linkify?: boolean;
}

export interface RenderedMail {
	text: string;
	html: string;
}

/** The layout's own words: only the fallback line under the button. */
const STRINGS: Record<MailLang, { linkFallback: string; colon: string }> = {
	// French puts a (non-breaking) space before the colon.
	fr: { linkFallback: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:', colon: '\u00a0:' },
	en: { linkFallback: 'If the button does not work, copy this link into your browser:', colon: ':' }
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Escaped text whose line breaks survive as `<br>`. */
function escapeLines(value: string): string {
	return escapeHtml(value.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>\n');
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Escaped text whose http(s) addresses are links; everything else stays text. */
function linkifyEscaped(escaped: string): string {
	return escaped.replace(URL_IN_TEXT, (url) => `<a href="${url}" style="color:#1d4ed8;text-decoration:underline;">${url}</a>`);
}

/**
 * Only links a reader can safely follow: a `javascript:` or `data:` URL given by mistake (or by
 * someone's input) must never become a button.
 */
function checkedUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`renderMail: action.url is not an absolute URL: ${url}`);
	}
	if (!['https:', 'http:', 'mailto:'].includes(parsed.protocol)) {
		throw new Error(`renderMail: action.url must be http(s) or mailto, got ${parsed.protocol}`);
	}
	return parsed.href;
}

// Inline styles because most mail clients drop <style> blocks; colours keep a contrast ratio above 7:1.
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const STYLE = {
	body: 'margin:0;padding:0;background-color:#f3f4f6;',
	outer: 'width:100%;background-color:#f3f4f6;',
	card: 'width:100%;max-width:600px;background-color:#ffffff;border-radius:8px;',
	cell: `padding:32px 28px;${FONT}color:#1f2937;font-size:16px;line-height:1.5;`,
	h1: `margin:0 0 20px;${FONT}font-size:24px;line-height:1.3;font-weight:700;color:#111827;`,
	p: 'margin:0 0 16px;',
	button:
		'display:inline-block;padding:12px 24px;background-color:#1d4ed8;color:#ffffff;font-weight:700;text-decoration:none;border-radius:6px;',
	fallback: 'margin:0 0 16px;font-size:14px;color:#374151;word-break:break-all;',
	link: 'color:#1d4ed8;text-decoration:underline;',
	footer: `margin:0;padding:16px 28px 0;${FONT}font-size:13px;line-height:1.5;color:#4b5563;`,
	footerLink: 'color:#1f2937;text-decoration:underline;',
	preheader: 'display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;'
};

/** Renders the HTML and plain-text parts of one e-mail; throws when `action.url` is not http(s)/mailto. */
export function renderMail(content: MailContent): RenderedMail {
	const lang: MailLang = content.lang ?? 'fr';
	const words = STRINGS[lang];
	const url = content.action ? checkedUrl(content.action.url) : null;

	const html: string[] = [
		'<!DOCTYPE html>',
		`<html lang="${lang}" dir="ltr">`,
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="x-apple-disable-message-reformatting">',
		`<title>${escapeHtml(content.title)}</title>`,
		'</head>',
		`<body style="${STYLE.body}">`
	];
	if (content.preheader) html.push(`<div style="${STYLE.preheader}">${escapeHtml(content.preheader)}</div>`);
	// role="article" with a label lets screen readers announce the message; the layout tables are presentation only.
	html.push(
		`<div role="article" aria-roledescription="email" aria-label="${escapeHtml(content.title)}" lang="${lang}" dir="ltr">`,
		`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${STYLE.outer}"><tr><td align="center" style="padding:24px 12px;">`,
		`<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="${STYLE.card}"><tr><td style="${STYLE.cell}">`,
		`<h1 style="${STYLE.h1}">${escapeHtml(content.title)}</h1>`
	);
	for (const paragraph of content.paragraphs)
		html.push(`<p style="${STYLE.p}">${content.linkify ? linkifyEscaped(escapeLines(paragraph)) : escapeLines(paragraph)}</p>`);
	if (content.action && url) {
		const href = escapeHtml(url);
		html.push(
			`<p style="margin:24px 0;"><a href="${href}" style="${STYLE.button}">${escapeHtml(content.action.label)}</a></p>`,
			`<p style="${STYLE.fallback}">${escapeHtml(words.linkFallback)}<br>\n<a href="${href}" style="${STYLE.link}">${href}</a></p>`
		);
	}
	html.push('</td></tr></table>');
	const footerUrl = content.footerLink ? checkedUrl(content.footerLink.url) : null;
	if (content.footer || footerUrl) {
		const link =
			content.footerLink && footerUrl
				? `<a href="${escapeHtml(footerUrl)}" style="${STYLE.footerLink}">${escapeHtml(content.footerLink.label)}</a>`
				: '';
		html.push(
			`<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;"><tr><td>`,
			`<p style="${STYLE.footer}">${[content.footer ? escapeLines(content.footer) : '', link].filter(Boolean).join('<br>\n')}</p>`,
			'</td></tr></table>'
		);
	}
	html.push('</td></tr></table>', '</div>', '</body>', '</html>', '');

	const text: string[] = [content.title, '', ...content.paragraphs.flatMap((p) => [p.replace(/\r\n?/g, '\n'), ''])];
	if (content.action && url) text.push(`${content.action.label}${words.colon}`, url, '');
	if (content.footer || footerUrl) text.push('-- ');
	if (content.footer) text.push(content.footer);
	if (content.footerLink && footerUrl) text.push(`${content.footerLink.label}${words.colon} ${footerUrl}`);
	if (content.footer || footerUrl) text.push('');

	return { text: text.join('\n'), html: html.join('\n') };
}
