import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vite';
import { createHash } from 'node:crypto';
import { SELECTION_SCRIPTS } from './src/lib/ui/programme/selection-script.ts';
import { serverRuntime } from './scripts/vite-server-runtime.ts';
import { asciiServerChunks } from './scripts/vite-ascii-server.ts';

/** The public programme's one inline script (its text is the same for every event), allowed by hash. */
const selectionScriptHashes = Object.values(SELECTION_SCRIPTS).map(
	(text) => `sha256-${createHash('sha256').update(text).digest('base64')}` as const
);

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ out: 'build' }),
			// Small pages: the stylesheet is inlined rather than fetched.
			inlineStyleThreshold: 40_000,
			// The form CSRF check is done in hooks.server.ts, so that the JSON API can answer a
			// non-JSON body with its own 400 rather than SvelteKit's plain-text 403.
			csrf: { trustedOrigins: ['*'] },
			// A strict policy on every page (hooks.server.ts adds it to answers built by hand): no
			// inline script but SvelteKit's own hydration script and the programme's choice keeper
			// (selection-script.ts), by hash; the inlined stylesheet by
			// hash; `style` attributes (Svelte's `style:` directives) allowed, since they cannot run code.
			csp: {
				mode: 'hash',
				directives: {
					'default-src': ['self'],
					'script-src': ['self', ...selectionScriptHashes],
					'style-src': ['self'],
					'style-src-attr': ['unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['none'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			}
		}),
		// bin/serve.js's own modules as JavaScript (scripts/vite-server-runtime.ts).
		serverRuntime(import.meta.dirname),
		// The server's chunks in ASCII: less memory for the sources V8 keeps (scripts/vite-ascii-server.ts).
		asciiServerChunks()
	],
	// zod and kysely are bundled into the server's chunks rather than imported from node_modules
	// at run time: their entry points re-export everything (zod: 64 locale modules; kysely: every
	// dialect), which Node would load and keep; bundled, what the app does not use is left out. Modules loaded at start 646 → 302, idle server 101 → 95.5 MB
	// (ARCHITECTURE.md, "Operations"). Tests (VITEST) import them as they are.
	ssr: process.env.VITEST ? {} : { noExternal: ['zod', 'kysely'] },
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'bin/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Two files at a time: each opens databases of its own (an in-memory SQLite, a PostgreSQL
		// database copied from a migrated template: tests/helpers/db.ts) and ports chosen by the
		// system, and much of a file's time is spent waiting on PostgreSQL, SMTP or a child process.
		fileParallelism: true,
		maxWorkers: 2
	}
});
