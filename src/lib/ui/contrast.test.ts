import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE, contrastRatio } from './contrast.ts';

describe('palette contrast', () => {
	it('test_contrast_ratio_matches_the_wcag_reference_values', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});

	it('test_every_text_pair_of_the_palette_reaches_aa_and_matches_app_css', () => {
		const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');
		for (const p of PALETTE) {
			expect(contrastRatio(p.ink, p.background), p.name).toBeGreaterThanOrEqual(4.5);
			for (const [variable, hex] of [
				[p.name.split(' / ')[0], p.ink],
				[p.name.split(' / ')[1], p.background]
			])
				expect(css, `${variable} in app.css`).toContain(`${variable}: ${hex};`);
		}
	});
});
