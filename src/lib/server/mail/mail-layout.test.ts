import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail } from './mail-layout.ts';

describe('mail layout', () => {
	it('test_escape_html_escapes_markup_quotes_and_ampersands', () => {
		expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
	});

	it('test_render_mail_escapes_every_argument', () => {
		const evil = '<script>alert("x")</script>';
		const { html } = renderMail({
			preheader: evil,
			title: `Titre ${evil}`,
			paragraphs: [`Paragraphe ${evil}`],
			action: { label: `Bouton ${evil}`, url: 'https://example.org/?a=1&b="2"' },
			footer: `Pied ${evil}`
		});
		expect(html).not.toContain('<script>');
		// preheader, <title>, aria-label, <h1>, paragraph, button, footer
		expect(html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/g)).toHaveLength(7);
		expect(html).toContain('href="https://example.org/?a=1&amp;b=%222%22"');
	});

	it('test_render_mail_sets_lang_heading_and_paragraphs', () => {
		const { html } = renderMail({ lang: 'en', title: 'Welcome', paragraphs: ['First line\nsecond line', 'Another'] });
		expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
		expect(html).toContain('>Welcome</h1>');
		expect(html).toContain('First line<br>\nsecond line</p>');
		expect(html).toContain('>Another</p>');
		expect(html).not.toContain('<a ');
	});

	it('test_render_mail_writes_the_action_url_in_the_text_part', () => {
		const { text, html } = renderMail({
			title: 'Confirmez votre adresse',
			paragraphs: ['Bonjour Zoé,', 'Cliquez sur le bouton pour confirmer votre inscription.'],
			action: { label: 'Confirmer mon inscription', url: 'https://maillage.example/confirmer?jeton=abc' },
			footer: 'Maillage — Numérique en Commun[s]'
		});
		expect(text).toBe(
			[
				'Confirmez votre adresse',
				'',
				'Bonjour Zoé,',
				'',
				'Cliquez sur le bouton pour confirmer votre inscription.',
				'',
				'Confirmer mon inscription\u00a0:',
				'https://maillage.example/confirmer?jeton=abc',
				'',
				'-- ',
				'Maillage — Numérique en Commun[s]',
				''
			].join('\n')
		);
		expect(html).toContain('<html lang="fr"');
		expect(html).toContain('Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur');
	});

	it('test_render_mail_rejects_a_javascript_url', () => {
		expect(() => renderMail({ title: 'T', paragraphs: [], action: { label: 'x', url: 'javascript:alert(1)' } })).toThrow(
			/http\(s\) or mailto/
		);
		expect(() => renderMail({ title: 'T', paragraphs: [], action: { label: 'x', url: '/relative' } })).toThrow(/absolute URL/);
	});
});
