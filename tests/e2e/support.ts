/**
 * Helpers shared by the app's end-to-end suites (not the harness itself): the command-line tool,
 * the app on either database, the e-mail outbox as the tests read it, a cookie-keeping sign-in
 * over plain HTTP, and what the browser suites do on every page (navigate, read, check with axe,
 * sign in).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page, Response as PageResponse } from 'playwright-core';
import { expect } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle, type Dialect } from '#lib/server/db/index.ts';
import { createTestDatabaseUrl } from '../helpers/db.ts';
import { expectNoAxeViolations, startApp, type RunningApp } from './harness.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The database an app started by `startApp()` without `databaseUrl` uses. */
export function defaultDatabaseUrl(app: RunningApp): string {
	return `file:${path.join(app.dataDir, 'maillage.sqlite')}`;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs `node bin/maillage.ts …args` against `databaseUrl`; never throws on a non-zero exit. */
export function runCli(args: string[], databaseUrl: string): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(ROOT, 'bin/maillage.ts'), ...args], {
			cwd: ROOT,
			env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
		child.once('error', reject);
		child.once('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** Like runCli, but throws with the tool's output unless it exits with 0. */
export async function cli(args: string[], databaseUrl: string): Promise<CliResult> {
	const res = await runCli(args, databaseUrl);
	if (res.code !== 0) {
		throw new Error(`maillage ${args.join(' ')} exited with ${res.code}\n--- stdout ---\n${res.stdout}\n--- stderr ---\n${res.stderr}`);
	}
	return res;
}

/** `token create --email E` and the token, which the tool prints alone on its last line. */
export async function createTokenWithCli(email: string, databaseUrl: string): Promise<string> {
	const { stdout } = await cli(['token', 'create', '--email', email], databaseUrl);
	const token = stdout.trimEnd().split('\n').at(-1)?.trim() ?? '';
	if (!/^mlg_\S+$/.test(token)) throw new Error(`no token on the last line of:\n${stdout}`);
	return token;
}

/** `user add --email E …userArgs`, then `token create`: an account and its API token, as an operator makes them. */
export async function createUserWithToken(email: string, databaseUrl: string, userArgs: string[] = []): Promise<string> {
	await cli(['user', 'add', '--email', email, ...userArgs], databaseUrl);
	return createTokenWithCli(email, databaseUrl);
}

/** The built app and its database, and how to stop the one and drop the other. */
export interface AppOnDatabase {
	app: RunningApp;
	databaseUrl: string;
	stop(): Promise<void>;
}

/**
 * The built app on a fresh database of `dialect`: its own SQLite file, or a PostgreSQL database
 * made for it (and dropped by `stop()`, with the temporary folder named after `prefix`).
 */
export async function startAppOn(dialect: Dialect, prefix: string, env: Record<string, string> = {}): Promise<AppOnDatabase> {
	if (dialect === 'sqlite') {
		const app = await startApp({ env });
		return { app, databaseUrl: defaultDatabaseUrl(app), stop: () => app.stop() };
	}
	await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
	const dir = await mkdtemp(path.join(ROOT, '.tmp', `${prefix}-pg-`));
	const database = await createTestDatabaseUrl('postgres', dir, { migrated: true });
	const cleanUp = async () => {
		await database.drop();
		await rm(dir, { recursive: true, force: true });
	};
	const app = await startApp({ databaseUrl: database.url, env }).catch(async (e: unknown) => {
		await cleanUp();
		throw e;
	});
	return {
		app,
		databaseUrl: database.url,
		async stop() {
			await app.stop();
			await cleanUp();
		}
	};
}

/** An answer of the JSON API: status and headers, the body as text and, when it is JSON, parsed (else null). */
export interface ApiAnswer {
	status: number;
	headers: Headers;
	json: any;
	text: string;
}

/**
 * Calls `/api/v1{pathname}` on the app at `appUrl`, with `token` as a bearer; `body` goes as JSON
 * unless it is a string (sent as it is, to test what the API makes of it), a FormData or bytes.
 */
export async function callApi(
	appUrl: string,
	method: string,
	pathname: string,
	options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<ApiAnswer> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	let body: BodyInit | undefined;
	if (options.body instanceof FormData || options.body instanceof Uint8Array) body = options.body as BodyInit;
	else if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(`${appUrl}/api/v1${pathname}`, { method, headers, body });
	const text = await res.text();
	let json: unknown = null;
	try {
		json = JSON.parse(text);
	} catch {
		/* not JSON: asserted by the callers */
	}
	return { status: res.status, headers: res.headers, json, text };
}

const MAGIC_LINK = /https?:\/\/\S+\/api\/auth\/magic-link\/verify\S*/;

/** Reads the e-mails the app queued in its `mail_message` table (no SMTP_URL: they stay there). */
export class Outbox {
	readonly handle: DbHandle;
	private seen = new Set<string>();

	constructor(databaseUrl: string) {
		this.handle = createDb(databaseUrl);
	}

	/** Forgets nothing: marks every message queued so far as already read. */
	async markAllSeen(): Promise<void> {
		const rows = await this.handle.db.selectFrom('mail_message').select('id').execute();
		for (const r of rows) this.seen.add(r.id);
	}

	/**
	 * The sign-in link of the newest magic-link e-mail to `email` that was not returned before,
	 * waiting up to `timeoutMs` for it to be queued.
	 */
	async nextMagicLink(email: string, timeoutMs = 10_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		while (true) {
			const rows = await this.handle.db
				.selectFrom('mail_message')
				.select(['id', 'subject', 'text_body', 'created_at'])
				.where('to_address', '=', email)
				.where('kind', '=', 'magic-link')
				.orderBy('created_at', 'desc')
				.execute();
			const fresh = rows.find((r) => !this.seen.has(r.id));
			if (fresh) {
				this.seen.add(fresh.id);
				const link = MAGIC_LINK.exec(fresh.text_body)?.[0];
				if (!link) throw new Error(`no magic link in the e-mail to ${email}:\n${fresh.text_body}`);
				return link;
			}
			if (Date.now() > deadline) throw new Error(`no new magic-link e-mail to ${email} within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	/**
	 * The newest `kind` message to `email` once the app has written it (a registration's
	 * confirmation is queued unwritten and written moments later), waiting up to `timeoutMs`.
	 */
	async written(email: string, kind: string, timeoutMs = 10_000) {
		const deadline = Date.now() + timeoutMs;
		while (true) {
			const mail = await this.handle.db
				.selectFrom('mail_message')
				.selectAll()
				.where('to_address', '=', email)
				.where('kind', '=', kind)
				.where('status', '!=', 'preparing')
				.orderBy('created_at', 'desc')
				.executeTakeFirst();
			if (mail) return mail;
			if (Date.now() > deadline) throw new Error(`no written ${kind} e-mail to ${email} within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}

	close(): Promise<void> {
		return this.handle.db.destroy();
	}
}

/** `name=value` pairs of every Set-Cookie header, merged into `jar`. */
function storeCookies(jar: Map<string, string>, response: Response): void {
	for (const line of response.headers.getSetCookie()) {
		const [pair] = line.split(';');
		const eq = pair.indexOf('=');
		if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
	}
}

/** A signed-in browser without a browser: fetch with a cookie jar and the app's Origin. */
export interface HttpSession {
	get(pathname: string): Promise<Response>;
	/** Posts an urlencoded form, as a page's <form method="POST"> does. */
	postForm(pathname: string, fields: Record<string, string>): Promise<Response>;
	/** Any request with the session's cookies (and the app's Origin unless `init.headers` names another). */
	fetch(pathname: string, init?: RequestInit): Promise<Response>;
	/** The `Cookie` header the session sends. */
	cookie(): string;
}

/** Signs `email` in over HTTP: asks /connexion for a link, reads it from the outbox, follows it. */
export async function signInOverHttp(app: RunningApp, outbox: Outbox, email: string): Promise<HttpSession> {
	const jar = new Map<string, string>();
	const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const request = async (pathname: string, init: RequestInit = {}) => {
		const res = await fetch(new URL(pathname, app.url), {
			...init,
			redirect: 'manual',
			headers: { origin: app.url, ...(init.headers as Record<string, string>), cookie: cookieHeader() }
		});
		storeCookies(jar, res);
		return res;
	};
	const session: HttpSession = {
		get: (pathname) => request(pathname),
		fetch: (pathname, init) => request(pathname, init),
		cookie: cookieHeader,
		postForm: (pathname, fields) =>
			request(pathname, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: new URLSearchParams(fields).toString()
			})
	};
	const asked = await session.postForm('/connexion?/magicLink', { email, next: '/organisateur' });
	await asked.arrayBuffer();
	if (asked.status !== 200) throw new Error(`/connexion answered ${asked.status}`);
	const link = await outbox.nextMagicLink(email);
	const verified = await session.get(link);
	await verified.arrayBuffer();
	if (verified.status !== 302 && verified.status !== 303) throw new Error(`the magic link answered ${verified.status}`);
	const landing = await session.get('/organisateur');
	await landing.arrayBuffer();
	if (landing.status !== 200)
		throw new Error(`after sign-in, /organisateur answered ${landing.status} (location ${landing.headers.get('location')})`);
	return session;
}

/** Waits for the navigation that `action` starts (a form post, a link) to load. */
export async function navigating(page: Page, action: () => Promise<void>): Promise<void> {
	const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15_000 });
	await action();
	await navigated;
	await page.waitForLoadState('load');
}

/** An element's text with its white space folded, as a person reads it. */
export const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** A message with its `{{name}}` placeholders filled in, as the app's translations fill them. */
export const fill = (message: string, values: Record<string, string | number>) =>
	Object.entries(values).reduce((acc, [k, v]) => acc.replaceAll(`{{${k}}}`, String(v)), message);

/**
 * axe-core on every page a browser suite shows: `check` the current page, or `visit` a path of
 * the app (`appUrl()` once it runs) expecting `status`. `checked` lists the labels, for the
 * suite's last test to prove that the pages it names were all checked.
 */
export function pageChecks(appUrl: () => string) {
	const checked: string[] = [];
	async function check(page: Page, label: string): Promise<void> {
		await expectNoAxeViolations(page, label);
		checked.push(label);
	}
	async function visit(page: Page, pathname: string, label: string, status = 200): Promise<PageResponse> {
		const response = await page.goto(new URL(pathname, appUrl()).toString());
		expect(response, `no response for ${pathname}`).not.toBeNull();
		expect(response!.status(), `${pathname} answered ${response!.status()}`).toBe(status);
		await check(page, label);
		return response!;
	}
	return { checked, check, visit };
}

/**
 * Signs `email` in with the browser (the foundation's suite tests that page itself): the form of
 * /connexion, then the link from the outbox; lands on /organisateur.
 */
export async function signInWithMagicLink(page: Page, app: RunningApp, outbox: Outbox, email: string): Promise<void> {
	await page.goto(`${app.url}/connexion`);
	await page.locator('#email').fill(email);
	await navigating(page, () => page.getByRole('button', { name: MESSAGES.fr.signIn.submit }).click());
	await page.goto(await outbox.nextMagicLink(email));
	expect(new URL(page.url()).pathname).toBe('/organisateur');
}
