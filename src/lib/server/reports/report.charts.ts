/**
 * The report's charts: SVG drawn on the server by Observable Plot on linkedom's document, so that
 * they show without JavaScript. Each chart's figures are also given as a table beside it (for
 * screen readers), so the SVG itself is marked as an image with a short label.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface Bar {
	label: string;
	value: number;
}

// Drawing a chart costs Plot some 10–20 ms; the same figures give the same SVG, so the last few
// hundred are kept (keyed by the figures themselves: a change of data draws anew).
const drawn = new Map<string, string>();
const DRAWN_MAX = 300;

/** A horizontal bar chart as a standalone SVG string; empty string when there is nothing to draw. */
export function barChartSvg(bars: Bar[], options: { label: string; width?: number; color?: string }): string {
	const key = JSON.stringify([bars, options]);
	const hit = drawn.get(key);
	if (hit !== undefined) return hit;
	const svg = drawBarChart(bars, options);
	if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value as string);
	drawn.set(key, svg);
	return svg;
}

function drawBarChart(bars: Bar[], options: { label: string; width?: number; color?: string }): string {
	const data = bars.filter((b) => b.value > 0);
	if (data.length === 0) return '';
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	const longest = Math.max(...data.map((b) => b.label.length));
	const chart = Plot.plot({
		document: document as unknown as Document,
		width: options.width ?? 640,
		height: 30 + data.length * 28,
		marginLeft: Math.min(260, 12 + longest * 6.5),
		marginRight: 48,
		style: { fontSize: '12px', fontFamily: 'system-ui, sans-serif', background: 'transparent', color: '#1b1b1b' },
		x: { axis: null, grid: false },
		y: { label: null, domain: data.map((b) => b.label) },
		marks: [
			Plot.barX(data, { x: 'value', y: 'label', fill: options.color ?? '#1f5fa8' }),
			Plot.text(data, { x: 'value', y: 'label', text: (d: Bar) => String(d.value), dx: 6, textAnchor: 'start', fill: '#1b1b1b' }),
			Plot.ruleX([0])
		]
	}) as unknown as Element;
	// The figures are in the table beside it: inner labels would only be noise for screen readers.
	for (const el of Array.from(chart.querySelectorAll('[aria-label]'))) el.removeAttribute('aria-label');
	chart.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	chart.setAttribute('role', 'img');
	chart.setAttribute('aria-label', options.label);
	return chart.outerHTML;
}

export interface PageBlock {
	kind: 'text' | 'bars' | 'list' | 'subheading' | 'figures';
	text?: string;
	bars?: Bar[];
	items?: string[];
	figures?: { label: string; value: string }[];
	svg?: string;
}

/** The sections with each chart drawn as SVG, for the pages (the PDF draws its own bars). */
export function withCharts<S extends { blocks: PageBlock[] }>(sections: S[], label: (title: string) => string): S[] {
	return sections.map((s) => ({
		...s,
		blocks: s.blocks.map((b) => (b.kind === 'bars' && b.bars ? { ...b, svg: barChartSvg(b.bars, { label: label(b.text ?? '') }) } : b))
	}));
}
