import { defineConfig } from 'vitest/config';

// Browser end-to-end tests drive the built app (`build/index.js`) in a child process, so this
// config deliberately has no SvelteKit plugin: the tests themselves are plain Node code.
// `#lib/*` still resolves, through the `imports` field of package.json, which Vite reads natively.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		// One Chromium and one app server at a time: the machines have 2 cores.
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 180_000
	}
});
