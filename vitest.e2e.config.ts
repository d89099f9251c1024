import { defineConfig } from 'vitest/config';

// Browser end-to-end tests drive the built app (`build/index.js`) in a child process, so this
// config deliberately has no SvelteKit plugin: the tests themselves are plain Node code.
// `#lib/*` still resolves, through the `imports` field of package.json, which Vite reads natively.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		// Two files at a time, on 2 cores: each starts its own app (a free port, its own SQLite file or
		// PostgreSQL database) and its own Chromium, and much of a browser test is waiting (the app,
		// the outbox's poll, the network), not computing. Measured on the shared 2-core machine under
		// load: 19.5 min one file at a time, 10.5 min two at a time, the same 233 tests passing.
		fileParallelism: true,
		maxWorkers: 2,
		testTimeout: 120_000,
		hookTimeout: 180_000
	}
});
