import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
// @ts-expect-error -- oidc-provider ships no type declarations; the little used here is typed below.
import OidcProviderClass from 'oidc-provider';
import { DIALECTS, createTestDatabaseUrl } from '../../../../tests/helpers/db.ts';
import type { Dialect } from '../db/index.ts';
import { loadConfig } from '../config.ts';
import { startApp, type AppContext } from '../app.ts';
import { ensureUser, findUserByEmail } from './user.service.ts';

/** The part of oidc-provider's API this test uses (the package has no type declarations). */
interface OidcGrant {
	addOIDCScope(scope: string): void;
	addOIDCClaims(claims: string[]): void;
	addResourceScope(resource: string, scope: string): void;
	save(): Promise<string>;
}
interface OidcInteraction {
	prompt: {
		name: string;
		details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
	};
	params: { client_id: string };
	session?: { accountId: string };
	grantId?: string;
}
interface OidcProvider {
	callback(): (req: IncomingMessage, res: ServerResponse) => void;
	interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<OidcInteraction>;
	interactionFinished(
		req: IncomingMessage,
		res: ServerResponse,
		result: object,
		options?: { mergeWithLastSubmission?: boolean }
	): Promise<void>;
	Grant: { new (init: { accountId: string; clientId: string }): OidcGrant; find(id: string): Promise<OidcGrant | undefined> };
	on(event: string, listener: (...args: unknown[]) => void): void;
}
const OidcProvider = OidcProviderClass as new (issuer: string, configuration: object) => OidcProvider;

const CLIENT_ID = 'maillage-test';
const CLIENT_SECRET = 'a-client-secret-long-enough-for-the-provider';
/** The app is never listened on: requests go straight to `app.auth.handler`, so any origin will do. */
const PUBLIC_URL = 'http://localhost:5199';
/** better-auth 1.7 serves generic OAuth providers through its core social routes. */
const CALLBACK_PATH = '/api/auth/callback/proconnect';
const AGENT = { sub: 'agent-7f3c', email: 'awa.diallo@interieur.gouv.fr', given_name: 'Awa', usual_name: 'Diallo' };

/** Cookies by name, as a browser keeps them for one site (paths are ignored: no names clash here). */
class CookieJar {
	private cookies = new Map<string, string>();

	store(res: Response): string[] {
		const set = res.headers.getSetCookie();
		for (const line of set) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some(
				(a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now())
			);
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return set.map((line) => line.slice(0, line.indexOf('=')));
	}

	names(): string[] {
		return [...this.cookies.keys()];
	}

	header(): string {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}
}

interface TestProvider {
	issuer: string;
	/** The content type of each userinfo answer, to tell JSON from a signed JWT. */
	userinfoTypes: string[];
	close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on a free local port, configured like ProConnect: the
 * `given_name` and `usual_name` claims are requested as scopes, and userinfo may come back as a
 * signed JWT. Login and consent are completed by its interaction route without any page.
 */
async function startProvider(options: { signedUserinfo?: boolean } = {}): Promise<TestProvider> {
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const issuer = `http://127.0.0.1:${port}`;
	const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

	const provider = new OidcProvider(issuer, {
		clients: [
			{
				client_id: CLIENT_ID,
				client_secret: CLIENT_SECRET,
				redirect_uris: [`${PUBLIC_URL}${CALLBACK_PATH}`],
				grant_types: ['authorization_code'],
				response_types: ['code'],
				token_endpoint_auth_method: 'client_secret_post',
				...(options.signedUserinfo ? { userinfo_signed_response_alg: 'RS256' } : {})
			}
		],
		jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
		cookies: { keys: [randomBytes(32).toString('hex')] },
		claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'] },
		ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
		features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: !!options.signedUserinfo } },
		interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
		async findAccount(_ctx: unknown, sub: string) {
			if (sub !== AGENT.sub) return undefined;
			return { accountId: sub, claims: async () => ({ ...AGENT }) };
		}
	});
	const errors: unknown[] = [];
	for (const event of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error'])
		provider.on(event, (_ctx, err) => errors.push(err));

	const handle = provider.callback();
	const userinfoTypes: string[] = [];
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		if (req.url?.startsWith('/me')) res.on('finish', () => userinfoTypes.push(String(res.getHeader('content-type'))));
		if (!req.url?.startsWith('/interaction/')) return handle(req, res);
		finishInteraction(provider, req, res).catch((err: unknown) => {
			errors.push(err);
			res.statusCode = 500;
			res.end(String(err));
		});
	});
	return {
		issuer,
		userinfoTypes,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
			if (errors.length) throw new AggregateError(errors, 'the OpenID provider reported errors');
		}
	};
}

/** The agent signs in, then consents to everything asked: what the ProConnect pages would do. */
async function finishInteraction(provider: OidcProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const interaction = await provider.interactionDetails(req, res);
	if (interaction.prompt.name === 'login') {
		await provider.interactionFinished(req, res, { login: { accountId: AGENT.sub } }, { mergeWithLastSubmission: false });
		return;
	}
	if (interaction.prompt.name !== 'consent') throw new Error(`unexpected prompt ${interaction.prompt.name}`);
	const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = interaction.prompt.details;
	const grant = interaction.grantId
		? await provider.Grant.find(interaction.grantId)
		: new provider.Grant({ accountId: interaction.session!.accountId, clientId: interaction.params.client_id });
	if (!grant) throw new Error('grant not found');
	if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
	if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
	for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
	await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

interface Harness {
	app: AppContext;
	provider: TestProvider;
}

/** Everything the sign-in needs: a fresh database of the dialect, the provider, and the app on them. */
async function startHarness(
	dialect: Dialect,
	cleanups: (() => Promise<void>)[],
	options: { signedUserinfo?: boolean } = {}
): Promise<Harness> {
	const dir = await mkdtemp(join(tmpdir(), 'maillage-proconnect-'));
	cleanups.push(() => rm(dir, { recursive: true, force: true }));
	const database = await createTestDatabaseUrl(dialect, dir);
	cleanups.push(() => database.drop());
	const provider = await startProvider(options);
	cleanups.push(() => provider.close());
	const config = loadConfig({
		PUBLIC_URL,
		DATABASE_URL: database.url,
		PROCONNECT_ISSUER: provider.issuer,
		PROCONNECT_CLIENT_ID: CLIENT_ID,
		PROCONNECT_CLIENT_SECRET: CLIENT_SECRET
	});
	const app = await startApp({ config, mailWorker: false });
	cleanups.push(() => app.close());
	return { app, provider };
}

/**
 * A browser going through the whole ProConnect sign-in: the app's sign-in endpoint, the provider
 * (login and consent), back to the app's callback. Returns the callback's answer and the app's cookies.
 */
async function signInWithProConnect(h: Harness, callbackURL = '/tableau'): Promise<{ callback: Response; appJar: CookieJar }> {
	const appJar = new CookieJar();
	const start = await h.app.auth.handler(
		new Request(`${PUBLIC_URL}/api/auth/sign-in/social`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: PUBLIC_URL },
			body: JSON.stringify({ provider: 'proconnect', callbackURL })
		})
	);
	expect(start.status).toBe(200);
	appJar.store(start);
	const { url } = (await start.json()) as { url: string };
	const authorize = new URL(url);
	expect(authorize.origin).toBe(h.provider.issuer);
	expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'given_name', 'usual_name']));
	expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}${CALLBACK_PATH}`);
	expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

	const opJar = new CookieJar();
	let next = authorize;
	for (let hop = 0; next.origin === h.provider.issuer; hop++) {
		if (hop > 10) throw new Error('too many redirects at the provider');
		const res = await fetch(next, { redirect: 'manual', headers: { cookie: opJar.header() } });
		opJar.store(res);
		const location = res.headers.get('location');
		if (res.status < 300 || res.status >= 400 || !location)
			throw new Error(`the provider answered ${res.status} at ${next.pathname}: ${await res.text()}`);
		await res.body?.cancel();
		next = new URL(location, next);
	}
	expect(`${next.origin}${next.pathname}`).toBe(`${PUBLIC_URL}${CALLBACK_PATH}`);
	expect(next.searchParams.get('code')).toBeTruthy();

	const callback = await h.app.auth.handler(new Request(next, { headers: { cookie: appJar.header() } }));
	appJar.store(callback);
	return { callback, appJar };
}

async function proConnectAccounts(app: AppContext) {
	return app.handle.db
		.selectFrom('account')
		.select(['user_id', 'account_id', 'provider_id'])
		.where('provider_id', '=', 'proconnect')
		.execute();
}

describe.each(DIALECTS)('ProConnect sign-in on %s', (dialect) => {
	let cleanups: (() => Promise<void>)[] = [];
	afterEach(async () => {
		const pending = cleanups.reverse();
		cleanups = [];
		const failures: unknown[] = [];
		for (const cleanup of pending) await cleanup().catch((e: unknown) => failures.push(e));
		if (failures.length) throw new AggregateError(failures, 'cleanup failed');
	});

	it('test_proconnect_new_agent_gets_an_account_named_from_given_and_usual_name', async () => {
		const h = await startHarness(dialect, cleanups);
		const { callback, appJar } = await signInWithProConnect(h);

		expect(callback.status).toBe(302);
		expect(new URL(callback.headers.get('location')!, PUBLIC_URL).pathname).toBe('/tableau');
		expect(appJar.names()).toContain('better-auth.session_token');

		const session = await h.app.auth.api.getSession({ headers: new Headers({ cookie: appJar.header() }) });
		expect(session?.user).toMatchObject({ email: AGENT.email, name: 'Awa Diallo', emailVerified: true });
		expect(h.provider.userinfoTypes).toEqual([expect.stringContaining('application/json')]);
		expect(await proConnectAccounts(h.app)).toEqual([{ user_id: session!.user.id, account_id: AGENT.sub, provider_id: 'proconnect' }]);
	});

	it('test_proconnect_existing_email_signs_in_to_the_same_account', async () => {
		const h = await startHarness(dialect, cleanups);
		const existing = await ensureUser(h.app.handle.db, { email: AGENT.email.toUpperCase(), name: 'Awa (magic link)' });

		const { callback, appJar } = await signInWithProConnect(h);

		expect(callback.status).toBe(302);
		expect(new URL(callback.headers.get('location')!, PUBLIC_URL).pathname).toBe('/tableau');
		const session = await h.app.auth.api.getSession({ headers: new Headers({ cookie: appJar.header() }) });
		expect(session?.user.id).toBe(existing.id);
		expect(session?.user.email).toBe(AGENT.email);
		expect(await proConnectAccounts(h.app)).toEqual([{ user_id: existing.id, account_id: AGENT.sub, provider_id: 'proconnect' }]);
		expect(await h.app.handle.db.selectFrom('user').select('id').execute()).toEqual([{ id: existing.id }]);

		// A second sign-in finds the linked account and opens another session for the same user.
		const again = await signInWithProConnect(h);
		const second = await h.app.auth.api.getSession({ headers: new Headers({ cookie: again.appJar.header() }) });
		expect(second?.user.id).toBe(existing.id);
		expect(await proConnectAccounts(h.app)).toHaveLength(1);
	});

	it('test_proconnect_signed_jwt_userinfo_is_verified_and_read', async () => {
		const h = await startHarness(dialect, cleanups, { signedUserinfo: true });
		const { callback, appJar } = await signInWithProConnect(h);

		expect(callback.status).toBe(302);
		expect(new URL(callback.headers.get('location')!, PUBLIC_URL).pathname).toBe('/tableau');
		const session = await h.app.auth.api.getSession({ headers: new Headers({ cookie: appJar.header() }) });
		expect(session?.user).toMatchObject({ email: AGENT.email, name: 'Awa Diallo' });
		expect(h.provider.userinfoTypes).toEqual([expect.stringContaining('application/jwt')]);
		const user = await findUserByEmail(h.app.handle.db, AGENT.email);
		expect(user?.id).toBe(session?.user.id);
	});
});
