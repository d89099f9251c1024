// The national view end to end. Over HTTP, on both databases: the label request's API (201, 409,
// 400, 422, 401, 403, 404), a reviewer's decision e-mailed to the organisers and shown as the
// event's label; the national events and figures API; every open-data feed without the draft's
// title, with ETag and 304. In a real browser (SQLite): the national page, the figures, the
// open-data page, the reviewers' admin, the organisers' request form and the reviewers' queue,
// bad input refused in French next to its field, axe-core on every page, nothing leaving the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { blockThirdParty, launchBrowser, type BrowserSession, type RunningApp } from './harness.ts';
import {
	Outbox,
	callApi,
	createUserWithToken,
	navigating,
	pageChecks,
	signInWithMagicLink,
	startAppOn,
	text,
	type AppOnDatabase
} from './support.ts';

const fr = MESSAGES.fr;
const DRAFT = 'Brouillon national confidentiel';

function eventBody(title: string) {
	return {
		title,
		description: 'Une journée pour un numérique d’intérêt général.',
		themes: ['Médiation numérique', 'Communs'],
		startsAt: '2027-06-10T09:00:00+02:00',
		endsAt: '2027-06-10T17:00:00+02:00',
		format: 'onsite',
		venue: { name: 'Espace Noriac', inseeCode: '87085' },
		organisers: [{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', role: 'lead' }]
	};
}

describe.each(DIALECTS)('national API and feeds (%s)', (dialect) => {
	let running: AppOnDatabase;
	let app: RunningApp;
	let outbox: Outbox;
	let owner: string, admin: string, reviewer: string, outsider: string;
	let slug: string;
	const api = (method: string, pathname: string, token?: string, body?: unknown) => callApi(app.url, method, pathname, { token, body });

	beforeAll(async () => {
		running = await startAppOn(dialect, 'national');
		app = running.app;
		outbox = new Outbox(running.databaseUrl);
		[owner, admin, reviewer, outsider] = await Promise.all([
			createUserWithToken('porteuse@national.test', running.databaseUrl),
			createUserWithToken('admin@national.test', running.databaseUrl, ['--admin']),
			createUserWithToken('relectrice@national.test', running.databaseUrl),
			createUserWithToken('dehors@national.test', running.databaseUrl)
		]);
		expect((await api('GET', '/label-requests', reviewer)).status).toBe(403);
		const user = await outbox.handle.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'relectrice@national.test')
			.executeTakeFirstOrThrow();
		await outbox.handle.db
			.insertInto('national_reviewer')
			.values({ user_id: user.id, granted_by: null, created_at: new Date().toISOString() })
			.execute();
		const created = await api('POST', '/events', owner, eventBody('NEC national de Limoges'));
		slug = created.json.slug;
		expect((await api('PATCH', `/events/${slug}`, owner, { status: 'published' })).status).toBe(200);
		expect((await api('POST', '/events', owner, eventBody(DRAFT))).status).toBe(201);
	});

	afterAll(async () => {
		await outbox?.close();
		await running?.stop();
	});

	it('test_labelRequestApi_answersEachCallerAsDocumented', async () => {
		expect((await api('POST', `/events/${slug}/label-request`, outsider, {})).status).toBe(404);
		expect((await api('POST', `/events/${slug}/label-request`, owner, '{oops')).status).toBe(400);
		const bad = await api('POST', `/events/${slug}/label-request`, owner, { expectedAudience: 'beaucoup' });
		expect(bad.status).toBe(422);
		expect(bad.json.errors[0]).toEqual({ field: 'expectedAudience', message: fr.errors.integer });

		const created = await api('POST', `/events/${slug}/label-request`, owner, { expectedAudience: 120, message: 'Merci !' });
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ status: 'requested', expectedAudience: 120, late: false, event: { slug, departement: '87' } });
		expect((await api('POST', `/events/${slug}/label-request`, owner, {})).status).toBe(409);

		expect((await api('GET', '/label-requests')).status).toBe(401);
		expect((await api('GET', '/label-requests', owner)).status).toBe(403);
		expect((await api('GET', '/label-requests?status=perdu', admin)).status).toBe(422);
		const queue = await api('GET', '/label-requests?status=requested', reviewer);
		expect(queue.status).toBe(200);
		expect(queue.json.map((r: { id: string }) => r.id)).toEqual([created.json.id]);

		const id = created.json.id;
		expect((await api('POST', `/label-requests/${id}/decision`, owner, { decision: 'granted', message: 'moi' })).status).toBe(403);
		expect(
			(await api('POST', `/label-requests/${crypto.randomUUID()}/decision`, reviewer, { decision: 'granted', message: 'x' })).status
		).toBe(404);
		expect((await api('POST', `/label-requests/${id}/decision`, reviewer, { decision: 'granted' })).status).toBe(422);
		const granted = await api('POST', `/label-requests/${id}/decision`, reviewer, {
			decision: 'granted',
			message: 'Label accordé, bravo.'
		});
		expect(granted.status).toBe(200);
		expect(granted.json.history.map((s: { status: string }) => s.status)).toEqual(['requested', 'granted']);
		expect((await api('GET', `/events/${slug}`)).json.label.status).toBe('granted');
		const mail = await outbox.written('porteuse@national.test', 'label-granted');
		expect(mail.text_body).toContain('Label accordé, bravo.');
	});

	it('test_nationalApi_listsPublishedEvents_andFigures', async () => {
		const list = await api('GET', '/national/events?year=2027&region=75');
		expect(list.status).toBe(200);
		expect(list.json.total).toBe(1);
		expect(list.json.items[0]).toMatchObject({ slug, departement: '87', region: '75', format: 'onsite', source: 'local' });
		expect(list.text).not.toContain(DRAFT);
		expect((await api('GET', '/national/events?year=deux-mille')).status).toBe(422);
		const figures = await api('GET', '/national/figures?year=2027');
		expect(figures.json).toMatchObject({
			events: 1,
			participants: 0,
			departementsCovered: 1,
			byRegion: { '75': { events: 1, participants: 0 } }
		});
	});

	it('test_openDataFeeds_neverShowTheDraft_andAnswer304WhenUnchanged', async () => {
		for (const feed of ['events.ics', 'events.json', 'events.csv', 'events.schema.json', 'events.atom', 'figures.csv']) {
			const res = await fetch(`${app.url}/${feed}`);
			const body = await res.text();
			expect(res.status, feed).toBe(200);
			expect(body, feed).not.toContain(DRAFT);
			expect(res.headers.get('link'), feed).toContain('rel="license"');
			const etag = res.headers.get('etag')!;
			const again = await fetch(`${app.url}/${feed}`, { headers: { 'if-none-match': etag } });
			expect(again.status, feed).toBe(304);
			expect(await again.text()).toBe('');
		}
		expect((await fetch(`${app.url}/events.json`)).headers.get('content-type')).toMatch(/^application\/ld\+json/);
		expect((await fetch(`${app.url}/events.csv?format=papier`)).status).toBe(422);
	});
});

describe('national pages in the browser (SQLite)', () => {
	let running: AppOnDatabase;
	let app: RunningApp;
	let outbox: Outbox;
	let browser: BrowserSession;
	let blocked: () => string[];
	let slug: string;
	const { checked, check, visit } = pageChecks(() => app.url);
	const ADMIN = 'admin.pages@national.test';

	beforeAll(async () => {
		running = await startAppOn('sqlite', 'national-pages');
		app = running.app;
		outbox = new Outbox(running.databaseUrl);
		const token = await createUserWithToken(ADMIN, running.databaseUrl, ['--admin']);
		await createUserWithToken('relecteur.pages@national.test', running.databaseUrl);
		const created = await callApi(app.url, 'POST', '/events', { token, body: eventBody('NEC des pages nationales') });
		slug = created.json.slug;
		await callApi(app.url, 'PATCH', `/events/${slug}`, { token, body: { status: 'published' } });
		await callApi(app.url, 'POST', '/events', { token, body: eventBody(DRAFT) });
		browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
		blocked = await blockThirdParty(browser.context, app.url);
	});

	afterAll(async () => {
		await browser?.close();
		await outbox?.close();
		await running?.stop();
	});

	it('test_publicPages_showThePublishedEvent_onTheMapListAndCalendar_withoutTheDraft', async () => {
		const { page } = browser;
		await visit(page, '/national?year=2027&mois=2027-06', 'national page');
		const body = await text(page.locator('main'));
		expect(body).toContain('NEC des pages nationales');
		expect(body).not.toContain(DRAFT);
		expect(await page.locator('svg.france-map path').count()).toBeGreaterThan(90);
		expect(await text(page.locator('table.month'))).toContain('NEC des pages nationales');
		await visit(page, '/national?year=1999', 'national page, bad year');
		expect(await text(page.locator('#year-error'))).toBe('Cette valeur est trop petite (au moins 2000).');
		await visit(page, '/national/chiffres?year=2027', 'figures');
		expect(await text(page.locator('dl.facts'))).toContain(fr.national.figures.events);
		await visit(page, '/donnees', 'open data');
		expect(await text(page.locator('main'))).toContain(fr.national.openData.feed.events_schema_json);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await visit(page, '/national', 'national page, all years');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	});

	it('test_adminNamesAReviewer_organiserRequests_reviewerAsksForMoreInformation', async () => {
		const { page } = browser;
		await signInWithMagicLink(page, app, outbox, ADMIN);
		await visit(page, '/admin/relecteurs', 'reviewers admin');
		await page.locator('#email').fill('inconnu@national.test');
		await navigating(page, () => page.getByRole('button', { name: fr.national.reviewers.addButton }).click());
		expect(await text(page.locator('#email-error'))).toBe(fr.national.errors.unknownUser);
		await check(page, 'reviewers admin, unknown e-mail');
		await page.locator('#email').fill('relecteur.pages@national.test');
		await navigating(page, () => page.getByRole('button', { name: fr.national.reviewers.addButton }).click());
		expect(await text(page.locator('main'))).toContain('relecteur.pages@national.test');

		await visit(page, `/organisateur/e/${slug}/label`, 'label request');
		await page.locator('#expectedAudience').fill('beaucoup');
		await navigating(page, () => page.getByRole('button', { name: fr.national.label.submit }).click());
		expect(await text(page.locator('#expectedAudience-error'))).toBe(fr.errors.integer);
		await check(page, 'label request, bad audience');
		await page.locator('#expectedAudience').fill('150');
		await page.getByLabel(fr.national.support.promotion).check();
		await navigating(page, () => page.getByRole('button', { name: fr.national.label.submit }).click());
		expect(await text(page.locator('[role=status]'))).toBe(fr.national.label.sent);

		await visit(page, '/relecture', 'reviewers queue');
		await navigating(page, () => page.getByRole('link', { name: 'NEC des pages nationales' }).click());
		await check(page, 'label request for reviewers');
		await page.getByLabel(fr.national.decision.more_information).check();
		await navigating(page, () => page.getByRole('button', { name: fr.national.queue.send }).click());
		expect(await text(page.locator('#message-error'))).toBe(fr.errors.required);
		await page.getByLabel(fr.national.decision.more_information).check();
		await page.locator('#message').fill('Pouvez-vous préciser le budget ?');
		await navigating(page, () => page.getByRole('button', { name: fr.national.queue.send }).click());
		expect(await text(page.locator('main'))).toContain(fr.national.status.more_information);

		await visit(page, `/organisateur/e/${slug}/label`, 'label request, more information');
		expect(await text(page.locator('main'))).toContain('Pouvez-vous préciser le budget ?');
		expect(blocked()).toEqual([]);
		expect(checked.length).toBeGreaterThanOrEqual(10);
	});
});

describe('federation between two instances', () => {
	let national: AppOnDatabase;
	let hub: AppOnDatabase;
	let adminToken: string;
	let hubToken: string;
	const HUB_TITLE = 'NEC du hub <b>Gironde</b>';

	beforeAll(async () => {
		[national, hub] = await Promise.all([startAppOn(DIALECTS.at(-1)!, 'national-fed'), startAppOn('sqlite', 'hub-fed')]);
		[adminToken, hubToken] = await Promise.all([
			createUserWithToken('admin@national-fed.test', national.databaseUrl, ['--admin']),
			createUserWithToken('porteur@hub-fed.test', hub.databaseUrl)
		]);
	});

	afterAll(async () => {
		await Promise.all([national?.stop(), hub?.stop()]);
	});

	it('test_nationalInstance_followsAHub_showsItsEvents_andDropsThemWhenUnpublished', async () => {
		const hubEvent = await callApi(hub.app.url, 'POST', '/events', {
			token: hubToken,
			body: { ...eventBody(HUB_TITLE), venue: { name: 'Cap Sciences', inseeCode: '33063' } }
		});
		const slug = hubEvent.json.slug;
		await callApi(hub.app.url, 'PATCH', `/events/${slug}`, { token: hubToken, body: { status: 'published' } });
		await callApi(hub.app.url, 'POST', '/events', { token: hubToken, body: eventBody(DRAFT) });

		expect((await callApi(national.app.url, 'POST', '/national/instances', { body: { url: hub.app.url } })).status).toBe(401);
		const followed = await callApi(national.app.url, 'POST', '/national/instances', { token: adminToken, body: { url: hub.app.url } });
		expect(followed.status).toBe(201);
		const sync = async () =>
			(await callApi(national.app.url, 'POST', `/national/instances/${followed.json.id}/sync`, { token: adminToken })).json;
		expect(await sync()).toMatchObject({ status: 'ok', events: 1 });
		expect(await sync()).toMatchObject({ status: 'ok', events: 1 });

		const all = await callApi(national.app.url, 'GET', '/national/events?year=2027');
		expect(all.json.items).toHaveLength(1);
		expect(all.json.items[0]).toMatchObject({
			title: HUB_TITLE,
			url: `${hub.app.url}/e/${slug}`,
			source: hub.app.url,
			departement: '33',
			region: '75'
		});
		expect(all.text).not.toContain(DRAFT);
		expect((await callApi(national.app.url, 'GET', '/national/events?year=2027&source=local')).json.items).toEqual([]);
		const html = await (await fetch(`${national.app.url}/national?year=2027`)).text();
		expect(html).toContain('NEC du hub &lt;b>Gironde&lt;/b>');
		expect(html).not.toContain('<b>Gironde</b>');

		await callApi(hub.app.url, 'PATCH', `/events/${slug}`, { token: hubToken, body: { status: 'draft' } });
		expect(await sync()).toMatchObject({ status: 'ok', events: 0 });
		expect((await callApi(national.app.url, 'GET', '/national/events?year=2027')).json.items).toEqual([]);
	});
});
