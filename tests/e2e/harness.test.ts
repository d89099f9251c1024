// Self-test of the e2e harness against tiny local servers, so that it runs without the app.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockThirdParty, expectNoAxeViolations, launchBrowser, screenshot, startApp, tabTo, type BrowserSession } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

const ACCESSIBLE_BODY = `<p>Une page simple pour vérifier le harnais de tests.</p>
<p><a href="/autre">Programme de la journée</a></p>
<form action="/" method="get">
  <label for="email">Votre courriel</label>
  <input id="email" name="email" type="email" autocomplete="email">
  <button type="submit">S'inscrire</button>
</form>`;

/** Pages keyed by path; `crossOrigin` is filled in once the port is known. */
function route(pathname: string, crossOrigin: string): { html: string; headers?: Record<string, string> } {
	switch (pathname) {
		case '/':
			return { html: page('Accueil du harnais', ACCESSIBLE_BODY) };
		case '/sans-alt':
			return { html: page('Image sans texte', '<img src="/pixel.svg" width="10" height="10">') };
		case '/csp':
			return {
				html: page('Page sous CSP stricte', ACCESSIBLE_BODY),
				headers: {
					'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'"
				}
			};
		case '/tiers':
			// Same server under another origin (127.0.0.1 vs localhost): it would load if not blocked.
			return {
				html: page('Ressource tierce', `<img src="${crossOrigin}/pixel.svg?tiers" alt="">`),
				// Without a policy that lets it through, the browser itself would stop the request.
				headers: { 'content-security-policy': "default-src 'self'; img-src *; frame-ancestors 'none'" }
			};
		default:
			return { html: page('Autre page', '<p>Rien ici.</p>') };
	}
}

/** The headers the app sends on every page, which expectNoAxeViolations checks (security-headers.ts). */
const APP_HEADERS: Record<string, string> = {
	'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=()'
};

const PIXEL = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

describe('e2e harness', () => {
	let server: Server;
	let base: string;
	let crossOrigin: string;
	const requested: string[] = [];
	let browser: BrowserSession;

	beforeAll(async () => {
		server = createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			requested.push(`${req.headers.host}${url.pathname}${url.search}`);
			if (url.pathname === '/pixel.svg') {
				res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(PIXEL);
				return;
			}
			const { html, headers } = route(url.pathname, crossOrigin);
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...APP_HEADERS, ...headers }).end(html);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		base = `http://localhost:${port}`;
		crossOrigin = `http://127.0.0.1:${port}`;
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await new Promise((resolve) => server?.close(resolve));
	});

	it('test_expectNoAxeViolations_passes_on_an_accessible_page', async () => {
		await browser.page.goto(`${base}/`);
		await expectNoAxeViolations(browser.page, 'accueil');
		// A second run on the same page reuses the injected axe.
		await expectNoAxeViolations(browser.page, 'accueil, encore');
	});

	it('test_expectNoAxeViolations_throws_on_an_image_without_alt', async () => {
		await browser.page.goto(`${base}/sans-alt`);
		await expect(expectNoAxeViolations(browser.page, 'sans alt')).rejects.toThrow(
			/violation\(s\) on "sans alt"[\s\S]*- image-alt \[critical\].*img/
		);
	});

	it('test_expectNoAxeViolations_runs_under_a_strict_csp', async () => {
		await browser.page.goto(`${base}/csp`);
		await expectNoAxeViolations(browser.page, 'csp');
	});

	it('test_tabTo_reaches_the_labelled_input_by_name_locator_or_predicate', async () => {
		const { page } = browser;
		await page.goto(`${base}/`);
		expect(await tabTo(page, 'Votre courriel')).toBe(true);
		await page.keyboard.type('ada@example.org');
		await expect(page.getByLabel('Votre courriel').inputValue()).resolves.toBe('ada@example.org');

		await page.goto(`${base}/`);
		expect(await tabTo(page, page.getByRole('textbox', { name: 'Votre courriel' }))).toBe(true);
		await page.goto(`${base}/`);
		expect(await tabTo(page, /inscrire/)).toBe(true);
		await page.goto(`${base}/`);
		expect(await tabTo(page, async (focused) => (await focused.getAttribute('id')) === 'email')).toBe(true);
	});

	it('test_tabTo_returns_false_when_the_target_is_not_reachable', async () => {
		await browser.page.goto(`${base}/`);
		expect(await tabTo(browser.page, 'Bouton qui n’existe pas', 8)).toBe(false);
	});

	it('test_screenshot_writes_a_png_under_test_results', async () => {
		await browser.page.goto(`${base}/`);
		const file = await screenshot(browser.page, 'harness/accueil');
		expect(file).toBe(path.join(ROOT, 'test-results', 'screenshots', 'harness', 'accueil.png'));
		expect((await stat(file)).size).toBeGreaterThan(1000);
	});

	it('test_blockThirdParty_aborts_and_lists_requests_to_other_origins', async () => {
		const session = await launchBrowser();
		try {
			const blocked = await blockThirdParty(session.context, base);
			requested.length = 0;
			await session.page.goto(`${base}/tiers`, { waitUntil: 'load' });
			expect(blocked()).toEqual([`${crossOrigin}/pixel.svg?tiers`]);
			expect(requested).toEqual([`localhost:${new URL(base).port}/tiers`]);
		} finally {
			await session.close();
		}
	});
});

describe('startApp', () => {
	let dir: string;

	beforeAll(async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'harness-test-'));
		await writeFile(
			path.join(dir, 'fake-app.mjs'),
			`import { createServer } from 'node:http';
const keys = ['NODE_ENV', 'PORT', 'PUBLIC_URL', 'DATABASE_URL', 'MAIL_POLL_MS', 'EXTRA'];
const server = createServer((req, res) => {
	if (req.url === '/healthz') return void res.end('ok');
	res.setHeader('content-type', 'application/json');
	res.end(JSON.stringify(Object.fromEntries(keys.map((k) => [k, process.env[k]]))));
});
server.listen(Number(process.env.PORT), process.env.HOST, () => console.log('fake app listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`
		);
		await writeFile(path.join(dir, 'crash.mjs'), `console.error('missing BETTER_AUTH_SECRET'); process.exit(3);\n`);
	});

	afterAll(async () => {
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('test_startApp_passes_the_environment_and_stop_cleans_up', async () => {
		const app = await startApp({ entry: path.join(dir, 'fake-app.mjs'), env: { EXTRA: 'oui' } });
		try {
			expect(app.url).toBe(`http://localhost:${app.port}`);
			expect(path.relative(ROOT, app.dataDir)).toMatch(/^\.tmp[/\\]e2e-/);
			const seen = await (await fetch(`http://127.0.0.1:${app.port}/env`)).json();
			expect(seen).toEqual({
				NODE_ENV: 'production',
				PORT: String(app.port),
				PUBLIC_URL: app.url,
				DATABASE_URL: `file:${path.join(app.dataDir, 'maillage.sqlite')}`,
				MAIL_POLL_MS: '200',
				EXTRA: 'oui'
			});
			expect(app.logs()).toContain('fake app listening');
		} finally {
			await app.stop();
		}
		expect(existsSync(app.dataDir)).toBe(false);
		await expect(fetch(`http://127.0.0.1:${app.port}/healthz`)).rejects.toThrow();
		await app.stop();
	});

	it('test_startApp_uses_the_given_database_url', async () => {
		const app = await startApp({
			entry: path.join(dir, 'fake-app.mjs'),
			databaseUrl: 'postgres://x@127.0.0.1/db'
		});
		try {
			const seen = await (await fetch(`http://127.0.0.1:${app.port}/env`)).json();
			expect(seen.DATABASE_URL).toBe('postgres://x@127.0.0.1/db');
		} finally {
			await app.stop();
		}
	});

	it('test_startApp_reports_the_output_of_an_app_that_exits', async () => {
		await expect(startApp({ entry: path.join(dir, 'crash.mjs') })).rejects.toThrow(/exited \(code 3[\s\S]*missing BETTER_AUTH_SECRET/);
	});

	it('test_startApp_asks_for_a_build_when_the_entry_is_missing', async () => {
		await expect(startApp({ entry: path.join(dir, 'nothing.js') })).rejects.toThrow(/npm run build/);
	});
});
