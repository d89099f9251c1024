import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ out: 'build' }),
			// Small pages: the stylesheet is inlined rather than fetched.
			inlineStyleThreshold: 40_000,
			// The form CSRF check is done in hooks.server.ts, so that the JSON API can answer a
			// non-JSON body with its own 400 rather than SvelteKit's plain-text 403.
			csrf: { trustedOrigins: ['*'] }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'bin/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: false
	}
});
