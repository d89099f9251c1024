import { describe, expect, it } from 'vitest';
import { SELECTION_SCRIPTS, selectionScript } from './selection-script.ts';

describe('selectionScript', () => {
	it('test_the_script_text_is_the_same_for_every_event_so_its_hash_can_be_allowed', () => {
		for (const page of ['programme', 'personal'] as const) {
			const inner = (tag: string) => /<script[^>]*>([\s\S]*)<\/script>/.exec(tag)?.[1];
			expect(inner(selectionScript('nec-limoges', page))).toBe(SELECTION_SCRIPTS[page]);
			expect(inner(selectionScript('nec-brest-2027', page))).toBe(SELECTION_SCRIPTS[page]);
		}
	});

	it('test_the_slug_travels_in_an_attribute_that_cannot_break_out', () => {
		expect(selectionScript('nec-limoges', 'programme')).toMatch(/^<script data-slug="nec-limoges">/);
		expect(selectionScript('a"><img src=x onerror=alert(1)>', 'programme')).toMatch(/^<script data-slug="aimgsrcxonerroralert1">/);
	});

	it('test_the_script_parses_as_javascript', () => {
		for (const text of Object.values(SELECTION_SCRIPTS)) expect(() => new Function(text)).not.toThrow();
	});
});
