/**
 * The programme as a small standalone HTML page that organisers put in an iframe on their own
 * site: no script, inline styles, every link opening Maillage in a new tab. All text is escaped.
 */
import { translator, type Lang } from '../../../i18n/index.ts';
import { dayLabelOf as formatDay, rangeOf as formatRange, timeOf as formatTime } from '../../../ui/programme/paris-time.ts';
import { escapeHtml as e } from '../../mail/mail-layout.ts';
import { groupByDayAndTime } from '../../../ui/programme/grouping.ts';
import type { Programme } from '../programme.service.ts';

const CSS = `body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1f24;background:#fff}
main{padding:12px 16px}h1{font-size:1.3rem;margin:0 0 4px}h2{font-size:1.1rem;margin:18px 0 6px;border-bottom:2px solid #1d4e89}
.lead{color:#4a5560;margin:0 0 8px}ol{list-style:none;margin:0;padding:0}li{display:grid;grid-template-columns:4.5rem 1fr;gap:8px;padding:6px 0;border-top:1px solid #e1e6ec}
.t{font-weight:700}.m{color:#4a5560;font-size:.9rem}a{color:#1d4e89}a:focus-visible{outline:3px solid #ffbf47}`;

export function programmeEmbedHtml(p: Programme, lang: Lang): string {
	const t = translator(lang);
	const base = `${p.event.url}/programme`;
	const days = groupByDayAndTime(p.sessions)
		.map(
			(d) =>
				`<section><h2>${e(formatDay(`${d.day}T12:00:00Z`, lang))}</h2><ol>${d.slots
					.flatMap((slot) => slot.sessions)
					.map(
						(s) =>
							`<li><span class="t">${e(formatTime(s.startsAt, lang))}</span><span><a href="${e(s.url)}" target="_blank" rel="noopener">${e(s.title)}</a><br><span class="m">${e(
								[t(`programme.format.${s.format}`), s.room?.name, s.speakers.map((x) => x.name).join(', ')].filter(Boolean).join(' · ')
							)}</span></span></li>`
					)
					.join('')}</ol></section>`
		)
		.join('');
	return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(
		`${t('programme.public.title')} – ${p.event.title}`
	)}</title><style>${CSS}</style></head><body><main><h1><a href="${e(base)}" target="_blank" rel="noopener">${e(
		`${t('programme.public.title')} – ${p.event.title}`
	)}</a></h1><p class="lead">${e(formatRange(p.event.startsAt, p.event.endsAt, lang))}${p.event.venue?.name ? `, ${e(p.event.venue.name)}` : ''}</p>${
		days || `<p>${e(t('programme.public.empty'))}</p>`
	}</main></body></html>`;
}
