/**
 * WCAG 2.1 contrast of two `#rrggbb` colours (relative luminance, 1 to 21): the design page
 * shows each pair of the palette with its ratio, and the unit test keeps them at AA.
 */
function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** The palette of app.css (its custom properties) as text on background pairs. */
export const PALETTE: { name: string; ink: string; background: string }[] = [
	{ name: '--ink / --paper', ink: '#1b1f24', background: '#ffffff' },
	{ name: '--muted / --paper', ink: '#4a5560', background: '#ffffff' },
	{ name: '--muted / --wash', ink: '#4a5560', background: '#f3f5f8' },
	{ name: '--brand / --paper', ink: '#1d4e89', background: '#ffffff' },
	{ name: '--paper / --brand', ink: '#ffffff', background: '#1d4e89' },
	{ name: '--accent / --paper', ink: '#0f6b5c', background: '#ffffff' },
	{ name: '--danger / --paper', ink: '#a4161a', background: '#ffffff' },
	{ name: '--warn-ink / --warn-bg', ink: '#5c4200', background: '#fff4d6' },
	{ name: '--ok-ink / --ok-bg', ink: '#14532d', background: '#e3f4ea' }
];
