import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../scripts/vite-ascii-server.ts';

describe('the server chunks written in ASCII', () => {
	it('test_escaped_code_is_ascii_and_means_the_same_strings_templates_and_regular_expressions', () => {
		const source = [
			'const word = "l’équipe « NEC » 🎉";',
			'const name = "Zoé";',
			'const template = `Bonjour ${name} – à bientôt`;',
			'const quotes = /[«»]/u.test("«") && /^🎉$/u.test("🎉");',
			'// un commentaire accentué',
			'({ word, template, quotes, ünïcode: 1 });'
		].join('\n');
		const escaped = asciiOnly(source);
		// eslint-disable-next-line no-control-regex -- the ASCII range, by its bounds
		expect(escaped).toMatch(/^[\x00-\x7f]*$/);
		expect(escaped).toContain('\\u2019');
		const run = (code: string) => JSON.parse(JSON.stringify(runInNewContext(code))) as Record<string, unknown>;
		expect(run(escaped)).toEqual(run(source));
		expect(run(escaped)).toEqual({ word: 'l’équipe « NEC » 🎉', template: 'Bonjour Zoé – à bientôt', quotes: true, ünïcode: 1 });
	});
});
