/**
 * Helpers for browser end-to-end tests: run the built app, drive Debian's Chromium through
 * playwright-core, check accessibility with axe-core, and prove that no request leaves the app.
 * Everything temporary goes under `.tmp/` in the repository, never under `~`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expectPageSecurityHeaders } from './security-headers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TMP_ROOT = path.join(ROOT, '.tmp');
const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const MAX_LOG_CHARS = 200_000;

/** Flags that keep Chromium quiet on a machine whose network is closed (see STACK-NOTES). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// A test that crashes must not leave an app server running after the test process.
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of liveChildren) child.kill('SIGKILL');
});

async function makeTmpDir(prefix: string): Promise<string> {
	await mkdir(TMP_ROOT, { recursive: true });
	return mkdtemp(path.join(TMP_ROOT, prefix));
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('no free port found'))));
		});
	});
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

export interface StartAppOptions {
	/** Defaults to a fresh SQLite file in the app's temporary folder. */
	databaseUrl?: string;
	/** Extra or overriding environment variables for the app process. */
	env?: Record<string, string>;
	/** Server entry point; defaults to `bin/serve.js`, which serves the adapter-node build. */
	entry?: string;
	/**
	 * Runs before the app process starts, with its database and public URL: for a suite that
	 * writes much (the demo data), so that its transactions never meet the app's jobs on SQLite.
	 */
	beforeStart?: (app: { databaseUrl: string; url: string }) => Promise<void>;
}

export interface RunningApp {
	/** The public origin, `http://localhost:PORT` (also the app's PUBLIC_URL). */
	url: string;
	port: number;
	/** Temporary folder of this app (`.tmp/e2e-*`), removed by stop(). */
	dataDir: string;
	/** SIGTERM, then SIGKILL after 5 s; removes dataDir. Safe to call twice. */
	stop(): Promise<void>;
	/** Everything the app printed so far, stdout and stderr interleaved. */
	logs(): string;
}

/**
 * Starts the production build (through `bin/serve.js`) on a free port and resolves once
 * `GET /healthz` answers 200. Throws with the app's output if it exits or is not healthy in 30 s.
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
	const entry = path.resolve(ROOT, options.entry ?? 'bin/serve.js');
	if (!existsSync(entry) || !existsSync(path.resolve(ROOT, 'build/handler.js'))) {
		throw new Error(`${entry} is missing: build the app first with \`npm run build\` (vite build).`);
	}
	const dataDir = await makeTmpDir('e2e-');
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		// Vitest sets NODE_ENV=test; the build is meant to run as in production.
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		PUBLIC_URL: url,
		DATABASE_URL: options.databaseUrl ?? `file:${path.join(dataDir, 'maillage.sqlite')}`,
		MAIL_POLL_MS: '200',
		// The suites sign the same people in again and again; security.test.ts turns the limit on.
		SIGN_IN_RATE_LIMIT: 'off',
		...options.env
	};

	let output = '';
	const record = (chunk: Buffer) => {
		output += chunk.toString('utf8');
		if (output.length > MAX_LOG_CHARS) output = output.slice(-MAX_LOG_CHARS);
	};
	await options.beforeStart?.({ databaseUrl: env.DATABASE_URL!, url });
	const child = spawn(process.execPath, [entry], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	liveChildren.add(child);
	child.stdout?.on('data', record);
	child.stderr?.on('data', record);
	let spawnError: Error | undefined;
	child.once('error', (error) => (spawnError = error));
	child.once('exit', () => liveChildren.delete(child));

	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			if (!(await waitForExit(child, STOP_GRACE_MS))) {
				child.kill('SIGKILL');
				await waitForExit(child, STOP_GRACE_MS);
			}
		}
		liveChildren.delete(child);
		await rm(dataDir, { recursive: true, force: true });
	};
	const logs = () => output;

	// Poll on 127.0.0.1 rather than localhost so that an IPv6-first resolver cannot slow us down.
	const healthUrl = `http://127.0.0.1:${port}/healthz`;
	const deadline = Date.now() + HEALTH_TIMEOUT_MS;
	let lastProblem: string;
	while (true) {
		if (spawnError || child.exitCode !== null || child.signalCode !== null) {
			await stop();
			const how = spawnError ? `failed to start (${spawnError.message})` : `exited (code ${child.exitCode}, signal ${child.signalCode})`;
			throw new Error(`The app ${how} before answering /healthz.\n--- app output ---\n${output}`);
		}
		try {
			const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
			await response.arrayBuffer();
			if (response.status === 200) break;
			lastProblem = `HTTP ${response.status}`;
		} catch (error) {
			lastProblem = error instanceof Error ? error.message : String(error);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`The app did not answer 200 on ${healthUrl} within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${lastProblem}).\n--- app output ---\n${output}`
			);
		}
		await sleep(100);
	}
	return { url, port, dataDir, stop, logs };
}

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	/** Closes Chromium and removes its profile folder. */
	close(): Promise<void>;
}

/**
 * Launches headless Debian Chromium (or CHROMIUM_PATH) with a fresh profile under `.tmp/`.
 * `args` are added to the usual flags (a fake camera, say); `viewport` replaces the desktop one.
 */
export async function launchBrowser(
	options: { args?: string[]; viewport?: { width: number; height: number } } = {}
): Promise<BrowserSession> {
	const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
	if (!existsSync(executablePath)) {
		throw new Error(
			`Chromium not found at ${executablePath}. Install Debian's build with ` +
				'`apt-get install -y --no-install-recommends chromium fonts-liberation` ' +
				'(or set CHROMIUM_PATH). Browser downloads such as `npx playwright install` do not work here.'
		);
	}
	const dir = await makeTmpDir('chromium-');
	const home = path.join(dir, 'home');
	const config = path.join(dir, 'config');
	const cache = path.join(dir, 'cache');
	await Promise.all([home, config, cache].map((d) => mkdir(d, { recursive: true })));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
			executablePath,
			headless: true,
			args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
			// Chromium also writes under $HOME (~/.pki): keep all of it inside the workspace.
			env: { ...process.env, HOME: home, XDG_CONFIG_HOME: config, XDG_CACHE_HOME: cache },
			locale: 'fr-FR',
			viewport: options.viewport ?? { width: 1280, height: 900 }
		});
	} catch (error) {
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	let closed = false;
	return {
		context,
		page,
		close: async () => {
			if (closed) return;
			closed = true;
			try {
				await context.close();
			} finally {
				await rm(dir, { recursive: true, force: true });
			}
		}
	};
}

interface AxeViolationSummary {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
	count: number;
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the current page and throws an Error
 * listing every violation. `label` names the page in the message.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
	const axePath = createRequire(import.meta.url).resolve('axe-core');
	const hasAxe = () => page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
	if (!(await hasAxe())) {
		try {
			await page.addScriptTag({ path: axePath });
		} catch {
			// Reported below if the fallback fails too.
		}
		// A strict Content-Security-Policy blocks the injected <script>; evaluation through the
		// DevTools protocol is not subject to CSP, so the app's real policy can stay on.
		if (!(await hasAxe())) {
			axeSource ??= readFileSync(axePath, 'utf8');
			await page.evaluate(axeSource);
		}
		if (!(await hasAxe())) throw new Error(`axe-core could not be injected into "${label}" (${page.url()})`);
	}
	const violations = await page.evaluate(async (tags: string[]) => {
		interface AxeResult {
			violations: {
				id: string;
				impact?: string | null;
				help: string;
				nodes: { target: unknown[] }[];
			}[];
		}
		const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResult> } }).axe;
		const result = await axe.run(document, { runOnly: tags });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact ?? null,
			help: v.help,
			targets: v.nodes.slice(0, 3).map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')),
			count: v.nodes.length
		}));
	}, AXE_TAGS);
	if (violations.length === 0) return expectPageSecurityHeaders(page, label);
	const lines = (violations as AxeViolationSummary[]).map(
		(v) =>
			`- ${v.id} [${v.impact ?? 'unknown'}] ${v.help} — ${v.targets.join(', ')}` +
			(v.count > v.targets.length ? ` (+${v.count - v.targets.length} more)` : '')
	);
	throw new Error(`axe-core: ${violations.length} violation(s) on "${label}" (${page.url()}):\n${lines.join('\n')}`);
}

/** Saves a full-page screenshot to `test-results/screenshots/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	const file = path.join(SCREENSHOT_DIR, `${name}.png`);
	await mkdir(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/**
 * Aborts every request of `context` whose origin is not the app's, and records it.
 * Await it before the first navigation; the returned function lists the blocked URLs.
 */
export async function blockThirdParty(context: BrowserContext, appUrl: string): Promise<() => string[]> {
	const appOrigin = new URL(appUrl).origin;
	const blocked: string[] = [];
	await context.route('**/*', async (route) => {
		const requestUrl = route.request().url();
		let origin: string;
		try {
			origin = new URL(requestUrl).origin;
		} catch {
			origin = '';
		}
		if (origin === appOrigin) return route.continue();
		blocked.push(requestUrl);
		return route.abort('blockedbyclient');
	});
	return () => [...blocked];
}

/**
 * What `tabTo` is looking for: an accessible name (exact string, trimmed, or RegExp), a Locator
 * (e.g. `page.getByRole('button', { name: 'Envoyer' })` or `page.locator('#email')`), or a
 * predicate receiving the focused element.
 */
export type TabTarget = string | RegExp | Locator | ((focused: Locator) => boolean | Promise<boolean>);

/**
 * Presses Tab (at least once, at most `maxTabs` times) until the focused element matches
 * `target`. Returns false if it never does: keyboard-only flows assert it is true.
 */
export async function tabTo(page: Page, target: TabTarget, maxTabs = 60): Promise<boolean> {
	const focused = page.locator(':focus').last();
	for (let i = 0; i < maxTabs; i++) {
		await page.keyboard.press('Tab');
		if ((await focused.count()) === 0) continue;
		if (await focusedMatches(focused, target)) return true;
	}
	return false;
}

async function focusedMatches(focused: Locator, target: TabTarget): Promise<boolean> {
	if (typeof target === 'function') return target(focused);
	if (typeof target === 'string' || target instanceof RegExp) {
		const name = await accessibleName(focused);
		if (name === null) return false;
		return typeof target === 'string' ? name === target.trim() : target.test(name);
	}
	return target.evaluateAll((elements) => elements.some((el) => el.matches(':focus')));
}

/** Accessible name as Playwright computes it, read off the first line of the ARIA snapshot. */
async function accessibleName(locator: Locator): Promise<string | null> {
	const snapshot = await locator.ariaSnapshot({ timeout: 2_000 }).catch(() => '');
	const match = /^- [\w-]+ ("(?:[^"\\]|\\.)*")/.exec(snapshot.split('\n')[0] ?? '');
	if (!match) return null;
	try {
		return (JSON.parse(match[1]) as string).trim();
	} catch {
		return null;
	}
}
