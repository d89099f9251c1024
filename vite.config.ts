import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ out: 'build' }),
			// Small pages: the stylesheet is inlined rather than fetched.
			inlineStyleThreshold: 40_000,
			// Forms post back to the same origin; PUBLIC_URL (read at run time) is the origin in e-mails.
			csrf: { trustedOrigins: [] }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: false
	}
});
