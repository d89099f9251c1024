// The server's JavaScript written in ASCII: every other character as a `\uXXXX` escape, in the
// strings, templates, regular expressions and comments where they stand (the values are the
// same). V8 keeps each module's source text for the process's life, and stores a text with a
// single non-Latin-1 character (a French typographic apostrophe, « », an emoji) as UTF-16, two
// bytes a character: the server's bundled sources, French messages included, held some 2 MB more
// that way (idle RSS 103 → 101 MB, ARCHITECTURE.md, "Operations"). Done on the finished bundle
// (`generateBundle`: the code generator would write the characters back). The browser's chunks
// are left as they are (they travel compressed).
import type { Plugin } from 'vite';

// eslint-disable-next-line no-control-regex -- the ASCII range, by its bounds
const NON_ASCII = /[^\x00-\x7f]/g;

/** `code` with every non-ASCII UTF-16 unit as a `\uXXXX` escape (an astral character: its two surrogates). */
export function asciiOnly(code: string): string {
	return code.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function asciiServerChunks(): Plugin {
	return {
		name: 'maillage-ascii-server-chunks',
		applyToEnvironment: (environment) => environment.name === 'ssr',
		generateBundle(_options, bundle) {
			for (const file of Object.values(bundle)) if (file.type === 'chunk') file.code = asciiOnly(file.code);
		}
	};
}
