// Campaigns in a real browser, on one app with SQLite: an organiser imports a CSV file written by
// Excel (Windows-1252, `;`, a bad address refused with its French reason), writes a campaign to
// that list, schedules it and sends it now; the message in the outbox carries the RFC 8058
// headers and a real unsubscribe link; the mail client's one-click POST answers 200 and the
// address is never written to again. The API lists the campaign and refuses an unknown
// placeholder in French. axe-core on every page, no request leaving the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { eventInput } from '../factories/index.ts';
import { windows1252 } from '../factories/campaigns.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, callApi, createUserWithToken, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink, text } from './support.ts';

const fr = MESSAGES.fr;
const A = 'camille.campagnes@example.org';

describe('campaigns in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let browser: BrowserSession;
	let blocked: () => string[];
	let token: string;
	let slug: string;
	const { checked, check, visit } = pageChecks(() => app.url);

	beforeAll(async () => {
		app = await startApp();
		outbox = new Outbox(defaultDatabaseUrl(app));
		browser = await launchBrowser();
		blocked = await blockThirdParty(browser.context, app.url);
		token = await createUserWithToken(A, defaultDatabaseUrl(app));
		const created = await callApi(app.url, 'POST', '/events', { token, body: eventInput({ title: 'NEC Campagnes Limousin' }) });
		expect(created.status).toBe(201);
		slug = created.json.slug;
	});

	afterAll(async () => {
		await browser?.close();
		await outbox?.close();
		await app?.stop();
	});

	it('test_organiser_imports_a_csv_schedules_and_sends_a_campaign_and_one_click_unsubscribes', async () => {
		const { page } = browser;
		await signInWithMagicLink(page, app, outbox, A);
		const base = `/organisateur/e/${slug}/campagnes`;
		await visit(page, base, 'campaigns');
		await navigating(page, () => page.getByRole('link', { name: fr.contacts.title, exact: true }).click());
		await check(page, 'contact lists');

		await page.locator('#list-name').fill('Élus du territoire');
		await navigating(page, () => page.getByRole('button', { name: fr.contacts.create }).click());
		await check(page, 'contact list');

		const csv =
			'Prénom;Nom;Courriel;Structure\r\nHélène;Lefèvre;helene.lefevre@example.org;Mairie d’Aixe\r\nJosé;Núñez;pas-une-adresse;\r\n';
		await page.locator('#file').setInputFiles({ name: 'elus.csv', mimeType: 'text/csv', buffer: Buffer.from(windows1252(csv)) });
		await navigating(page, () => page.getByRole('button', { name: fr.contacts.import.next }).click());
		await check(page, 'import mapping');
		expect(await page.locator('#map-email option:checked').textContent()).toBe('Courriel');
		await navigating(page, () => page.getByRole('button', { name: fr.contacts.import.submit }).click());
		await check(page, 'import report');
		expect(await text(page.getByRole('status'))).toContain('windows-1252');
		expect(await text(page.locator('main'))).toContain(`pas-une-adresse — ${fr.contacts.refused.invalidEmail}`);
		expect(await text(page.locator('tbody'))).toContain('Hélène Lefèvre');

		await page.goto(`${app.url}${base}`);
		await page.locator('#kind').selectOption('save-the-date');
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.create }).click());
		await check(page, 'campaign');
		// "People who came" can be narrowed to half-days (and sessions, when the programme has some).
		expect(await page.getByRole('group', { name: fr.campaigns.audience.attendedOnly }).getByRole('checkbox').count()).toBeGreaterThan(0);
		// An unknown placeholder is refused next to the field, and nothing is saved.
		await page.locator('#body').fill('Bonjour {prénom}');
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.saveDraft }).click());
		expect(await text(page.locator('#body-error'))).toContain('{prénom}');
		await check(page, 'campaign with an error');

		await page.goto(page.url());
		await page.getByLabel(/Élus du territoire/).check();
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.schedule.submit }).click());
		expect(await text(page.getByRole('status'))).toBe(fr.campaigns.notice.scheduled);
		expect(await text(page.locator('#preview-title + p'))).toContain('helene.lefevre@example.org');
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.sendNow }).click());
		expect(await text(page.getByRole('status'))).toBe(fr.campaigns.notice.sent);
		await check(page, 'campaign sent');

		const mail = await outbox.written('helene.lefevre@example.org', 'campaign');
		const headers = JSON.parse(mail.headers ?? '{}');
		expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		const url = /^<(.+)>$/.exec(headers['List-Unsubscribe'])![1];
		expect(mail.html_body).toContain(`href="${url.replaceAll('&', '&amp;')}"`);
		expect(mail.text_body).toContain('Bonjour Hélène,');

		// Opening the link changes nothing (mail scanners); the page is accessible.
		await page.goto(url);
		await check(page, 'unsubscribe page');
		// The mail client's one-click request: no Origin, the RFC 8058 body.
		const oneClick = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(oneClick.status).toBe(200);
		const unsubscribed = await outbox.handle.db.selectFrom('contact_unsubscribe').select('email').execute();
		expect(unsubscribed.map((r) => r.email)).toEqual(['helene.lefevre@example.org']);

		await page.goto(`${app.url}${base}`);
		await navigating(page, () => page.getByRole('link', { name: 'Save the date' }).click());
		expect(await text(page.locator('dl.facts'))).toMatch(new RegExp(`${fr.campaigns.stats.unsubscribed} 1`));
		await screenshot(page, 'campaign-stats');
	});

	it('test_api_lists_campaigns_and_refuses_an_unknown_placeholder_in_french', async () => {
		const list = await callApi(app.url, 'GET', `/events/${slug}/campaigns`, { token });
		expect(list.status).toBe(200);
		expect(list.json.map((c: { status: string }) => c.status)).toEqual(['sent']);
		const bad = await callApi(app.url, 'POST', `/events/${slug}/campaigns`, {
			token,
			body: { kind: 'free', subject: 'Bonjour {inconnu}' }
		});
		expect(bad.status).toBe(422);
		expect(bad.json.errors[0]).toEqual({ field: 'subject', message: expect.stringContaining('Champ de substitution inconnu : {inconnu}') });
		const anonymous = await callApi(app.url, 'GET', `/events/${slug}/campaigns`);
		expect(anonymous.status).toBe(401);
		const openapi = await callApi(app.url, 'GET', '/openapi.json');
		expect(Object.keys(openapi.json.paths)).toEqual(
			expect.arrayContaining([`/events/{slug}/campaigns`, `/events/{slug}/campaigns/{id}/send`])
		);
	});

	it('test_every_page_passed_axe_and_nothing_left_the_app', () => {
		expect(checked).toEqual([
			'campaigns',
			'contact lists',
			'contact list',
			'import mapping',
			'import report',
			'campaign',
			'campaign with an error',
			'campaign sent',
			'unsubscribe page'
		]);
		expect(blocked()).toEqual([]);
	});
});
