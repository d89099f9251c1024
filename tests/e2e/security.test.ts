// The security suite, on each database: every route of the route table (route-table.ts) with every
// verb and form action, tried by people who have no business there and with broken bodies.
// - A draft event is invisible: for an anonymous visitor, a signed-in outsider (cookie and bearer
//   token), every answer about it is the answer about an event that does not exist, and names nothing of it.
// - A read-only member changes nothing, whatever route or action they post to.
// - Broken bodies (wrong type, multipart without boundary, truncated, NUL characters, 10 MB)
//   never make the app answer 500, and change nothing.
// - The JSON API refuses a cookie-authenticated change from another origin; forms too.
// - Sign-in links are throttled per address.
// The figures (attempts and findings per class) are printed for the closing notes.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '#lib/server/db/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { concretePath, requestsOf, routeTable, type RouteEntry } from './route-table.ts';
import { Outbox, callApi, createUserWithToken, signInOverHttp, startAppOn, type AppOnDatabase, type HttpSession } from './support.ts';

const ROUTES = routeTable();
const SECRET = 'Zorglub';
const NO_SUCH_EVENT = 'evenement-qui-n-existe-pas';
/** Tables that change by design (sessions, tokens' last use, the outbox, throttles, logs) or by background work (ActivityPub announces). */
const VOLATILE =
	/^(session|verification|account|api_token|mail_message|mail_send_slot|kysely_migration\w*|rate_\w+|ap_\w+|\w*_lock|audit\w*)$/;

type Who = { name: string; cookie?: HttpSession; token?: string };

/** Everything in the database that requests must not change, as comparable text per table. */
async function snapshot(handle: DbHandle): Promise<Record<string, string[]>> {
	const tables = (await handle.db.introspection.getTables()).map((t) => t.name).filter((n) => !VOLATILE.test(n));
	const out: Record<string, string[]> = {};
	for (const table of tables.sort()) {
		const rows = await handle.db
			.selectFrom(table as never)
			.selectAll()
			.execute();
		out[table] = rows.map((r) => JSON.stringify(r)).sort();
	}
	return out;
}

/**
 * Rows that appear without anyone changing anything: the registration settings row, created with
 * its defaults the first time anything loads the event (it is the event's quota lock, see
 * registration-event.ts), and a member's own calendar feed and digest choice (`personal`).
 */
function benign(table: string, row: string, personal: string[] = []): boolean {
	if (table === 'event_registration_settings') {
		const r = JSON.parse(row) as Record<string, unknown>;
		return r.capacity === null && r.opens_at === null && Number(r.lock_seq) === 0 && r.reminder_j7_text === '';
	}
	return ['planning_feed', 'planning_digest_recipient'].includes(table) && personal.some((p) => row.includes(p));
}

/** What changed between two snapshots: per table, the rows that appeared (+) and went (−), cut short. */
function changedTables(before: Record<string, string[]>, after: Record<string, string[]>, personal: string[] = []): string[] {
	const changes: string[] = [];
	for (const table of Object.keys({ ...before, ...after })) {
		const was = new Set(before[table] ?? []);
		const now = new Set(after[table] ?? []);
		const added = [...now].filter((r) => !was.has(r) && !benign(table, r, personal));
		const gone = [...was].filter((r) => !now.has(r));
		if (added.length || gone.length)
			changes.push(`${table}: ${[...added.map((r) => `+${r}`), ...gone.map((r) => `-${r}`)].join(' ').slice(0, 600)}`);
	}
	return changes;
}

/** One request as `who`: the cookie session (with the app's Origin) or the bearer token, or nobody. */
async function send(
	appUrl: string,
	who: Who,
	method: string,
	pathname: string,
	body?: { type: string; data: BodyInit }
): Promise<{ status: number; text: string }> {
	const headers: Record<string, string> = { accept: 'text/html,application/json' };
	if (body) headers['content-type'] = body.type;
	if (who.token) headers.authorization = `Bearer ${who.token}`;
	const init: RequestInit = { method, headers, body: body?.data, redirect: 'manual' };
	const res = who.cookie
		? await who.cookie.fetch(pathname, init)
		: await fetch(new URL(pathname, appUrl), { ...init, headers: { ...headers, origin: appUrl } });
	return { status: res.status, text: await res.text() };
}

/** A plausible body for a change: a small form for pages, an empty JSON object for the API. */
function plainBody(pathname: string): { type: string; data: string } {
	return pathname.startsWith('/api/')
		? { type: 'application/json', data: '{}' }
		: { type: 'application/x-www-form-urlencoded', data: 'x=1&confirm=1' };
}

/** A request whose body stops before its announced length, over a raw socket: the status line's code. */
function truncatedRequest(port: number, method: string, pathname: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`${method} ${pathname}: no answer to a truncated body`));
		}, 15_000);
		socket.on('data', (chunk) => {
			answer += chunk.toString('latin1');
			const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
			if (status) {
				clearTimeout(timer);
				socket.destroy();
				resolve(Number(status[1]));
			}
		});
		socket.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		const head = Object.entries({ host: `localhost:${port}`, 'content-length': '4096', connection: 'close', ...headers })
			.map(([k, v]) => `${k}: ${v}`)
			.join('\r\n');
		socket.write(`${method} ${pathname} HTTP/1.1\r\n${head}\r\n\r\n` + 'a=1&b=2&c='.padEnd(100, 'x'));
		// The client gives up mid-body: half-close, as a dropped upload does.
		setTimeout(() => socket.end(), 50);
	});
}

describe.each(DIALECTS)('security on %s', (dialect) => {
	let running: AppOnDatabase;
	let outbox: Outbox;
	let appUrl: string;
	let slug: string;
	let draft: string;
	let ownerToken: string;
	let owner: HttpSession;
	let outsiderToken: string;
	let outsider: HttpSession;
	let readerToken: string;
	let reader: HttpSession;
	const figures: Record<string, { attempts: number; findings: number }> = {};
	const count = (name: string, attempts: number, findings: number) => (figures[name] = { attempts, findings });

	beforeAll(async () => {
		running = await startAppOn(dialect, 'security', { SIGN_IN_RATE_LIMIT: 'on', REGISTRATION_RATE_LIMIT: 'off' });
		appUrl = running.app.url;
		outbox = new Outbox(running.databaseUrl);
		[ownerToken, outsiderToken, readerToken] = await Promise.all(
			['owner', 'outsider', 'reader'].map((n) => createUserWithToken(`${n}.security@example.org`, running.databaseUrl))
		);
		const api = (method: string, pathname: string, body?: unknown, token = ownerToken) =>
			callApi(appUrl, method, pathname, { token, body });
		const event = (title: string) =>
			api('POST', '/events', {
				title,
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-09-16T09:00:00+02:00',
				endsAt: '2027-09-16T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Médiathèque', inseeCode: '23096' }
			});
		const published = await event('NEC public de la sécurité');
		expect(published.status, published.text).toBe(201);
		slug = published.json.slug;
		expect((await api('PATCH', `/events/${slug}`, { status: 'published' })).status).toBe(200);
		const hidden = await event(`NEC ${SECRET} en préparation`);
		expect(hidden.status).toBe(201);
		draft = hidden.json.slug;
		for (const s of [slug, draft]) {
			const room = await api('POST', `/events/${s}/rooms`, { name: `Salle ${SECRET}` });
			expect(room.status, room.text).toBe(201);
		}
		const invited = await api('POST', `/events/${slug}/team`, { email: 'reader.security@example.org', role: 'readonly' });
		expect(invited.status, invited.text).toBe(201);
		owner = await signInOverHttp(running.app, outbox, 'owner.security@example.org');
		outsider = await signInOverHttp(running.app, outbox, 'outsider.security@example.org');
		reader = await signInOverHttp(running.app, outbox, 'reader.security@example.org');
	}, 120_000);

	afterAll(async () => {
		console.log(`security figures on ${dialect}: ${JSON.stringify(figures)}`);
		await outbox?.close();
		await running?.stop();
	});

	// First: the sign-in form's per-network bucket must not be used up by the other tests' posts.
	it('test_sign_in_links_are_throttled_per_address', async () => {
		const email = 'throttled.security@example.org';
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			const res = await fetch(`${appUrl}/connexion?/magicLink`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl, accept: 'text/html' },
				body: new URLSearchParams({ email, next: '/organisateur' })
			});
			await res.arrayBuffer();
			statuses.push(res.status);
		}
		const links = await outbox.handle.db
			.selectFrom('mail_message')
			.select('id')
			.where('to_address', '=', email)
			.where('kind', '=', 'magic-link')
			.execute();
		expect(links).toHaveLength(3);
		expect(statuses.slice(3)).toEqual([429, 429]);
		count('sign-in throttle', 5, 0);
	});

	it('test_a_draft_event_answers_like_an_event_that_does_not_exist_to_everyone_outside_it', async () => {
		const before = await snapshot(outbox.handle);
		const people: Who[] = [
			{ name: 'anonyme' },
			{ name: 'hors équipe (cookie)', cookie: outsider },
			{ name: 'hors équipe (jeton)', token: outsiderToken }
		];
		const findings: string[] = [];
		let attempts = 0;
		for (const entry of ROUTES.filter((r) => r.pattern.includes('[slug]'))) {
			for (const { method, suffix } of requestsOf(entry)) {
				for (const who of people) {
					if (who.token && entry.kind === 'page') continue;
					const body = method === 'GET' ? undefined : plainBody(entry.pattern);
					const real = await send(appUrl, who, method, concretePath(entry.pattern, draft) + suffix, body);
					const none = await send(appUrl, who, method, concretePath(entry.pattern, NO_SUCH_EVENT) + suffix, body);
					attempts += 1;
					if (real.status !== none.status || real.text.includes(SECRET) || real.status >= 500)
						findings.push(`${who.name} ${method} ${entry.pattern}${suffix}: ${real.status} (inexistant : ${none.status})`);
				}
			}
		}
		count('draft hidden', attempts, findings.length);
		expect(findings).toEqual([]);
		expect(changedTables(before, await snapshot(outbox.handle))).toEqual([]);
	}, 600_000);

	it('test_a_read_only_member_changes_nothing_through_any_route', async () => {
		// What is the member's own, read-only or not: new private addresses of their task calendar
		// (what changes is checked below: their own rows only).
		const THEIR_OWN = new Set(['/api/v1/events/[slug]/task-feed']);
		const before = await snapshot(outbox.handle);
		const findings: string[] = [];
		let attempts = 0;
		for (const entry of ROUTES) {
			if (!entry.pattern.includes('[slug]') && !entry.pattern.startsWith('/organisateur') && !entry.pattern.startsWith('/api/v1/events'))
				continue;
			for (const { method, suffix } of requestsOf(entry)) {
				if (method === 'GET') continue;
				for (const who of [
					{ name: 'lecture seule (cookie)', cookie: reader },
					{ name: 'lecture seule (jeton)', token: readerToken }
				] as Who[]) {
					if (who.token && entry.kind === 'page') continue;
					const answer = await send(appUrl, who, method, concretePath(entry.pattern, slug) + suffix, plainBody(entry.pattern));
					attempts += 1;
					const succeeded = entry.kind === 'endpoint' ? answer.status < 300 : answer.status === 303;
					if ((succeeded && !THEIR_OWN.has(entry.pattern)) || answer.status >= 500)
						findings.push(`${who.name} ${method} ${entry.pattern}${suffix}: ${answer.status}`);
				}
			}
		}
		count('read-only', attempts, findings.length);
		expect(findings).toEqual([]);
		// Their own calendar feed and e-mail digest are theirs to set, read-only or not.
		const me = await outbox.handle.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'reader.security@example.org')
			.executeTakeFirstOrThrow();
		expect(changedTables(before, await snapshot(outbox.handle), [me.id, 'reader.security@example.org'])).toEqual([]);
	}, 600_000);

	it('test_broken_bodies_never_answer_500_and_pages_refuse_them_before_acting', async () => {
		type Body = { type: string; data: BodyInit };
		const broken: Record<string, (api: boolean) => Body> = {
			'mauvais type': () => ({ type: 'application/xml', data: '<a>1</a>' }),
			'multipart sans frontière': () => ({
				type: 'multipart/form-data',
				data: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'
			}),
			'NUL échappé': (api) =>
				api
					? { type: 'application/json', data: '{"title":"a\\u0000b","name":"a\\u0000b","label":"a\\u0000b"}' }
					: { type: 'application/x-www-form-urlencoded', data: 'title=a%00b&name=a%00b&label=a%00b' },
			'NUL brut': (api) => ({
				type: api ? 'application/json' : 'application/x-www-form-urlencoded',
				data: api ? '{"title":"a\u0000b"}' : 'title=a\u0000b'
			})
		};
		const findings: string[] = [];
		const attempts: Record<string, number> = {};
		// Not /deconnexion: it would end the session the rest of the suite posts with.
		const targets = ROUTES.filter((r) => r.pattern !== '/deconnexion').flatMap((entry: RouteEntry) =>
			requestsOf(entry)
				.filter((r) => r.method !== 'GET')
				.map((r) => ({ entry, ...r, api: entry.pattern.startsWith('/api/'), pathname: concretePath(entry.pattern, slug) + r.suffix }))
		);
		const owners = (api: boolean): Who => (api ? { name: 'organisatrice', token: ownerToken } : { name: 'organisatrice', cookie: owner });
		const tryAll = async (name: string, list: typeof targets, make: (api: boolean) => Body) => {
			for (const t of list) {
				let status: number;
				try {
					status = (await send(appUrl, owners(t.api), t.method, t.pathname, make(t.api))).status;
				} catch (e) {
					// The server may close a connection whose body it refused before reading it all.
					status = /ECONNRESET|EPIPE|other side closed|fetch failed/i.test(String((e as Error).cause ?? e)) ? 413 : 599;
				}
				attempts[name] = (attempts[name] ?? 0) + 1;
				if (status >= 500) findings.push(`${name} ${t.method} ${t.entry.pattern}${t.suffix}: ${status}`);
			}
		};
		const truncate = async (list: typeof targets) => {
			for (const t of list) {
				const headers: Record<string, string> = {
					'content-type': t.api ? 'application/json' : 'application/x-www-form-urlencoded',
					origin: appUrl,
					...(t.api ? { authorization: `Bearer ${ownerToken}` } : { cookie: owner.cookie() })
				};
				const status = await truncatedRequest(running.app.port, t.method, t.pathname, headers);
				attempts['tronqué'] = (attempts['tronqué'] ?? 0) + 1;
				if (status >= 500) findings.push(`tronqué ${t.method} ${t.entry.pattern}${t.suffix}: ${status}`);
			}
		};

		// Pages: a form action reads a form, so a broken one is refused before the action runs.
		const pages = targets.filter((t) => !t.api);
		const before = await snapshot(outbox.handle);
		for (const [name, make] of Object.entries(broken)) await tryAll(name, pages, make);
		await truncate(pages);
		expect(changedTables(before, await snapshot(outbox.handle))).toEqual([]);

		// The API: an endpoint without a body acts whatever is sent (its answer is then a success),
		// so only the absence of 500 is asserted; then 10 MB at a sample of each kind of route.
		const endpoints = targets.filter((t) => t.api);
		for (const [name, make] of Object.entries(broken)) await tryAll(name, endpoints, make);
		await truncate(endpoints);
		const big = 'x'.repeat(10 * 1024 * 1024);
		const sample = targets.filter((t) =>
			[
				'/connexion?/magicLink',
				`/e/${slug}/inscription`,
				`/organisateur/e/${slug}/modifier`,
				`/organisateur/e/${slug}/programme/intervenants?/create`,
				`/api/v1/events/${slug}/registrations`,
				`/api/v1/events/${slug}/sessions`,
				`/api/v1/events/${slug}/survey/responses`
			].includes(t.pathname)
		);
		expect(sample.length).toBeGreaterThanOrEqual(6);
		await tryAll('10 Mo', sample, (api) =>
			api ? { type: 'application/json', data: `{"title":"${big}"}` } : { type: 'application/x-www-form-urlencoded', data: `title=${big}` }
		);
		for (const [name, n] of Object.entries(attempts)) count(`fuzz ${name}`, n, findings.filter((f) => f.startsWith(name)).length);
		expect(findings).toEqual([]);
		expect((await fetch(`${appUrl}/healthz`)).status).toBe(200);
	}, 600_000);

	it('test_a_cookie_authenticated_change_from_another_origin_is_refused', async () => {
		const create = (origin: string) =>
			owner.fetch(`/api/v1/events/${slug}/rooms`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin },
				body: JSON.stringify({ name: 'Salle venue d’ailleurs' })
			});
		const foreign = await create('http://autre.example.org');
		expect(foreign.status).toBe(403);
		const form = await owner.fetch(`/organisateur/e/${slug}/programme/espaces?/create`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://autre.example.org' },
			body: 'name=Salle+venue+d%E2%80%99ailleurs'
		});
		expect(form.status).toBe(403);
		const rooms = await callApi(appUrl, 'GET', `/events/${slug}/rooms`, { token: ownerToken });
		expect(rooms.json.map((r: { name: string }) => r.name)).not.toContain('Salle venue d’ailleurs');
		// The same call from the app's own origin goes through: the refusal above is the origin's.
		const own = await create(appUrl);
		expect(own.status).toBe(201);
		count('cross-origin', 2, 0);
	});
});
