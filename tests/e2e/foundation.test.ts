// The foundation in a real browser, on one app with SQLite: an organiser signs in with a magic
// link typed at the keyboard, creates an event through the form (errors first), publishes it;
// visitors see it and not a draft; a second organiser sees nothing of the first one's work.
// Every page visited is checked with axe-core, and no request may leave the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, tabTo, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, callApi, createTokenWithCli, createUserWithToken, defaultDatabaseUrl, navigating, pageChecks, text } from './support.ts';

/** The messages the app shows (French is the reference; English for Accept-Language: en). */
const fr = MESSAGES.fr;

const A = 'alice.organisatrice@example.org';
const B = 'bruno.organisateur@example.org';
const TITLE = 'Numérique en Commun[s] Haute-Vienne';
const SLUG = 'numerique-en-commun-s-haute-vienne';
const DRAFT_TITLE = 'Atelier secret en Creuse';
const VALID_SIRET = '21870085600014';
const MAX_PUBLIC_HTML = 60 * 1024;

describe('foundation in the browser (SQLite)', () => {
	let app: RunningApp;
	let databaseUrl: string;
	let outbox: Outbox;
	let alice: BrowserSession;
	/** Anonymous visitor first, then organiser B once signed in: a browser of its own. */
	let bruno: BrowserSession;
	let blockedForAlice: () => string[];
	let blockedForBruno: () => string[];
	let aliceAdminAndToken: Promise<string> | undefined;
	let brunoToken: Promise<string> | undefined;
	let aliceToken: string;
	let draftSlug: string;
	const { checked: axeChecked, check, visit } = pageChecks(() => app.url);

	const api = (method: string, pathname: string, token: string | null, body?: unknown) =>
		callApi(app.url, method, pathname, { token: token ?? undefined, body });

	/** Asks for a magic link on /connexion (typed by `type`), then follows the link from the outbox. */
	async function signIn(page: Page, email: string, type: (page: Page) => Promise<void>, label: string): Promise<void> {
		await visit(page, '/connexion', `${label}: connexion`);
		await type(page);
		const sent = page.getByRole('status');
		await sent.waitFor();
		expect(await text(sent)).toBe(fr.signIn.sent.replace('{{email}}', email));
		expect(await text(sent)).toContain('lien vient de lui être envoyé');
		await check(page, `${label}: connexion, lien envoyé`);
		const link = await outbox.nextMagicLink(email);
		expect(link.startsWith(`${app.url}/api/auth/magic-link/verify?`)).toBe(true);
		await page.goto(link);
		expect(new URL(page.url()).pathname).toBe('/organisateur');
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(fr.organiser.title);
		await check(page, `${label}: organisateur`);
	}

	beforeAll(async () => {
		app = await startApp();
		databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		alice = await launchBrowser();
		bruno = await launchBrowser();
		blockedForAlice = await blockThirdParty(alice.context, app.url);
		blockedForBruno = await blockThirdParty(bruno.context, app.url);
	});

	afterAll(async () => {
		await alice?.close();
		await bruno?.close();
		await outbox?.close();
		await app?.stop();
	});

	it('test_a_organiser_signs_in_with_a_magic_link_typed_at_the_keyboard', async () => {
		const { page } = alice;
		await signIn(
			page,
			A,
			async (p) => {
				expect(await tabTo(p, p.locator('#email')), 'the e-mail field is not reachable with Tab').toBe(true);
				await p.keyboard.type(A);
				expect(await tabTo(p, fr.signIn.submit), 'the submit button is not reachable with Tab').toBe(true);
				await navigating(p, () => p.keyboard.press('Enter'));
			},
			'A'
		);
		await screenshot(page, 'foundation/organisateur-vide');
		expect(await text(page.locator('main'))).toContain(fr.organiser.none);
		// The account exists now: make A an administrator and give A an API token, in the
		// background (each run of the tool takes seconds) while the browser goes on.
		aliceAdminAndToken = createUserWithToken(A, databaseUrl, ['--admin']);
		aliceAdminAndToken.catch(() => {});
	});

	it('test_a_create_form_shows_french_errors_next_to_fields_and_keeps_values', async () => {
		const { page } = alice;
		await navigating(page, () => page.getByRole('link', { name: fr.organiser.new }).click());
		expect(new URL(page.url()).pathname).toBe('/organisateur/evenements/nouveau');
		await check(page, 'formulaire de création');

		await page.locator('#theme-0').fill('Inclusion numérique');
		await page.locator('#theme-1').fill('Communs numériques');
		await page.locator('#startsAt').fill('2027-06-10T09:00');
		await page.locator('#endsAt').fill('2027-06-10T08:00');
		await page.getByRole('radio', { name: fr.event.format.onsite, exact: true }).check();
		await page.locator('#venueName').fill('Bibliothèque francophone multimédia');
		await page.locator('#commune').fill('Zzzzville');
		await page.locator('#org-0-name').fill('Ville de Limoges');
		await page.locator('#org-0-type').selectOption('collectivite');
		await page.locator('#org-0-role').selectOption('lead');
		await page.locator('#org-0-siret').fill('123');
		await navigating(page, () => page.getByRole('button', { name: fr.form.create }).click());
		expect(new URL(page.url()).pathname).toBe('/organisateur/evenements/nouveau');

		const expectations: [string, string][] = [
			['title', fr.errors.required],
			['endsAt', fr.errors.endBeforeStart],
			['commune', fr.errors.communeUnknown],
			['org-0-siret', fr.errors.siret]
		];
		for (const [id, message] of expectations) {
			const control = page.locator(`#${id}`);
			expect(await control.getAttribute('aria-invalid'), `#${id} aria-invalid`).toBe('true');
			expect(await text(page.locator(`#${id}-error`)), `#${id} error`).toBe(message);
			expect((await control.getAttribute('aria-describedby'))?.split(' ')).toContain(`${id}-error`);
			// The message sits in the same field block as its control.
			expect(await text(control.locator('xpath=..'))).toContain(message);
		}
		// Exactly these problems, each once, and a summary announcing them.
		const shown = await page.locator('.field-error').allTextContents();
		expect(shown.map((s) => s.trim()).sort()).toEqual(expectations.map(([, m]) => m).sort());
		const summary = page.getByRole('alert');
		expect(await text(summary)).toContain(fr.form.errorSummary_other.replace('{{count}}', '4'));
		for (const [, message] of expectations) expect(await text(summary)).toContain(message);
		// Each problem is a link to its control, naming it; the summary has the focus.
		const links = summary.getByRole('link');
		expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(expectations.map(([id]) => `#${id}`));
		expect(await text(links.first())).toBe(`${fr.form.title} : ${fr.errors.required}`);
		expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
		await links.nth(2).click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('commune');
		for (const valid of ['#startsAt', '#venueName', '#org-0-name', '#theme-0'])
			expect(await page.locator(valid).getAttribute('aria-invalid'), valid).toBeNull();

		// What was typed is all still there.
		expect(await page.locator('#title').inputValue()).toBe('');
		expect(await page.locator('#theme-0').inputValue()).toBe('Inclusion numérique');
		expect(await page.locator('#theme-1').inputValue()).toBe('Communs numériques');
		expect(await page.locator('#startsAt').inputValue()).toBe('2027-06-10T09:00');
		expect(await page.locator('#endsAt').inputValue()).toBe('2027-06-10T08:00');
		expect(await page.getByRole('radio', { name: fr.event.format.onsite, exact: true }).isChecked()).toBe(true);
		expect(await page.locator('#venueName').inputValue()).toBe('Bibliothèque francophone multimédia');
		expect(await page.locator('#commune').inputValue()).toBe('Zzzzville');
		expect(await page.locator('#org-0-name').inputValue()).toBe('Ville de Limoges');
		expect(await page.locator('#org-0-type').inputValue()).toBe('collectivite');
		expect(await page.locator('#org-0-role').inputValue()).toBe('lead');
		expect(await page.locator('#org-0-siret').inputValue()).toBe('123');
		await check(page, 'formulaire de création avec erreurs');
		await screenshot(page, 'foundation/creation-erreurs');
	});

	it('test_a_fixes_the_form_creates_the_event_and_publishes_it', async () => {
		const { page } = alice;
		await page.locator('#title').fill(TITLE);
		await page.locator('#endsAt').fill('2027-06-10T17:30');
		await page.locator('#commune').fill('Limoges');
		await page.locator('#org-0-siret').fill(VALID_SIRET);
		await navigating(page, () => page.getByRole('button', { name: fr.form.create }).click());

		const url = new URL(page.url());
		expect(url.pathname).toBe(`/organisateur/e/${SLUG}`);
		expect(url.searchParams.has('cree')).toBe(true);
		expect(await text(page.getByRole('status'))).toBe(fr.organiser.created);
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(TITLE);
		expect(await text(page.locator('.badge:not(.step-badge)'))).toBe(fr.event.status.draft);
		const main = await text(page.locator('main'));
		for (const fact of ['Limoges', 'Bibliothèque francophone multimédia', 'Ville de Limoges', 'Inclusion numérique', 'Communs numériques'])
			expect(main).toContain(fact);
		await check(page, 'vue d’ensemble (brouillon)');
		await screenshot(page, 'foundation/vue-ensemble-brouillon');

		await navigating(page, () => page.getByRole('button', { name: fr.organiser.publish, exact: true }).click());
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}`);
		expect(await text(page.locator('.badge:not(.step-badge)'))).toBe(fr.event.status.published);
		expect(await page.getByRole('button', { name: fr.organiser.publish, exact: true }).count()).toBe(0);
		expect(await page.getByRole('button', { name: fr.organiser.unpublish }).count()).toBe(1);
		await check(page, 'vue d’ensemble (publié)');
		await screenshot(page, 'foundation/vue-ensemble-publie');

		// The stored dates are Paris time, whatever the browser's zone.
		const published = await api('GET', `/events/${SLUG}`, null);
		expect(published.status).toBe(200);
		expect(published.json).toMatchObject({
			status: 'published',
			startsAt: expect.stringMatching(/^2027-06-10T09:00:00(\.000)?\+02:00$/),
			endsAt: expect.stringMatching(/^2027-06-10T17:30:00(\.000)?\+02:00$/),
			format: 'onsite',
			themes: ['Inclusion numérique', 'Communs numériques'],
			venue: { name: 'Bibliothèque francophone multimédia', inseeCode: '87085', commune: 'Limoges' },
			organisers: [{ name: 'Ville de Limoges', type: 'collectivite', role: 'lead', siret: VALID_SIRET }]
		});
	});

	it('test_a_visits_the_edit_team_tokens_and_outbox_pages', async () => {
		const { page } = alice;
		await navigating(page, () => page.getByRole('link', { name: fr.organiser.edit, exact: true }).click());
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/modifier`);
		expect(await page.locator('#title').inputValue()).toBe(TITLE);
		expect(await page.locator('#startsAt').inputValue()).toBe('2027-06-10T09:00');
		expect(await page.locator('#commune').inputValue()).toBe('Limoges (87085)');
		await check(page, 'modifier');
		await screenshot(page, 'foundation/modifier');

		await navigating(page, () => page.getByRole('link', { name: fr.organiser.team, exact: true }).click());
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/equipe`);
		const row = page.getByRole('row', { name: new RegExp(A.replace(/\./g, '\\.')) });
		expect(await text(row)).toContain(fr.organiser.roles.owner);
		await check(page, 'équipe');
		await screenshot(page, 'foundation/equipe');

		aliceToken = await aliceAdminAndToken!;
		await navigating(page, () => page.getByRole('link', { name: fr.nav.tokens }).click());
		expect(new URL(page.url()).pathname).toBe('/organisateur/jetons');
		expect(await text(page.locator('tbody'))).toContain(aliceToken.slice(0, 10));
		await check(page, 'jetons');
		await screenshot(page, 'foundation/jetons');

		// A is an administrator now (through the tool): the outbox link shows and opens.
		await page.reload();
		await navigating(page, () => page.getByRole('link', { name: fr.nav.outbox }).click());
		expect(new URL(page.url()).pathname).toBe('/admin/outbox');
		expect(await text(page.locator('tbody'))).toContain(A);
		await check(page, 'boîte d’envoi (admin)');
		await screenshot(page, 'foundation/boite-envoi');

		// Without SMTP the screen is how a message is read: in full, and it says so.
		expect(await text(page.locator('main'))).toContain(fr.outbox.fullNote);
		await navigating(page, () => page.locator('tbody a').first().click());
		expect(new URL(page.url()).pathname).toMatch(/^\/admin\/outbox\/[0-9a-f-]{36}$/);
		expect(await text(page.locator('main'))).toContain(fr.outbox.fullNote);
		await check(page, 'boîte d’envoi : un message (admin)');
	});

	it('test_anonymous_visitors_see_the_published_event_but_not_a_draft', async () => {
		const created = await api('POST', '/events', aliceToken, {
			title: DRAFT_TITLE,
			themes: ['Médiation numérique', 'Sobriété'],
			startsAt: '2027-05-20T09:00:00+02:00',
			endsAt: '2027-05-20T17:00:00+02:00',
			format: 'onsite',
			venue: { name: 'Tiers-lieu', inseeCode: '23096' }
		});
		expect(created.status, JSON.stringify(created.json)).toBe(201);
		expect(created.json.status).toBe('draft');
		draftSlug = String(created.json.slug);

		const { page } = bruno;
		await visit(page, '/', 'accueil (anonyme)');
		const upcoming = page.getByRole('list').filter({ has: page.getByRole('link', { name: TITLE }) });
		expect(await upcoming.count()).toBe(1);
		expect(await page.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(`/e/${SLUG}`);
		expect(await text(page.locator('main'))).not.toContain(DRAFT_TITLE);
		await screenshot(page, 'foundation/accueil');

		await navigating(page, () => page.getByRole('link', { name: TITLE }).click());
		expect(new URL(page.url()).pathname).toBe(`/e/${SLUG}`);
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(TITLE);
		const main = await text(page.locator('main'));
		expect(main).toContain('Bibliothèque francophone multimédia');
		expect(main).toContain('Ville de Limoges');
		expect(main).not.toContain(fr.organiser.draftNotice);
		await check(page, 'page publique de l’événement');
		await screenshot(page, 'foundation/evenement-public');

		await visit(page, `/e/${draftSlug}`, 'brouillon en anonyme (404)', 404);
		expect(await text(page.locator('body'))).not.toContain(DRAFT_TITLE);
		await visit(page, `/organisateur/e/${draftSlug}`, 'espace organisateur en anonyme → connexion');
		expect(new URL(page.url()).pathname).toBe('/connexion');

		const anonymousApi = await api('GET', `/events/${draftSlug}`, null);
		expect(anonymousApi.status).toBe(404);
		const list = await api('GET', '/events', null);
		expect((list.json as unknown as { slug: string }[]).map((e) => e.slug)).toEqual([SLUG]);
	});

	it('test_public_pages_have_no_script_and_stay_small', async () => {
		for (const pathname of ['/', `/e/${SLUG}`]) {
			const res = await fetch(`${app.url}${pathname}`);
			expect(res.status).toBe(200);
			const html = await res.text();
			const bytes = Buffer.byteLength(html, 'utf8');
			expect(bytes, `${pathname} weighs ${bytes} bytes`).toBeLessThan(MAX_PUBLIC_HTML);
			const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
			// Structured data for search engines is not a script that runs.
			const executable = scripts.filter((tag) => !/type=["']?application\/ld\+json/i.test(tag));
			expect(executable, `${pathname} has <script> tags`).toEqual([]);
			if (pathname === '/') expect(scripts).toEqual([]);
			expect(html).not.toMatch(/<link[^>]+rel=["']?modulepreload/i);
			expect(html).not.toMatch(/\son(click|load|submit|change)=/i);
		}
		// In the browser too: the pages ask for nothing but the document (styles are inlined).
		const { page } = bruno;
		const requested: string[] = [];
		const onRequest = (r: { url(): string }) => requested.push(r.url());
		page.on('request', onRequest);
		try {
			await page.goto(`${app.url}/e/${SLUG}`);
			expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
		} finally {
			page.off('request', onRequest);
		}
		expect(requested.filter((u) => !u.endsWith('/favicon.ico') && !/\.(svg|png|ico|woff2?)$/.test(new URL(u).pathname))).toEqual([
			`${app.url}/e/${SLUG}`
		]);
	});

	it('test_b_signs_in_and_cannot_see_or_change_a_draft_of_a', async () => {
		const { page } = bruno;
		await signIn(
			page,
			B,
			async (p) => {
				await p.locator('#email').fill(B);
				await navigating(p, () => p.getByRole('button', { name: fr.signIn.submit }).click());
			},
			'B'
		);
		brunoToken = createTokenWithCli(B, databaseUrl);
		brunoToken.catch(() => {});

		const main = await text(page.locator('main'));
		expect(main).toContain(fr.organiser.none);
		expect(main).not.toContain(DRAFT_TITLE);
		expect(main).not.toContain(TITLE);
		expect(await page.getByRole('link', { name: fr.nav.outbox }).count()).toBe(0);

		await visit(page, `/organisateur/e/${draftSlug}`, 'B : brouillon de A (404)', 404);
		expect(await text(page.locator('body'))).not.toContain(DRAFT_TITLE);
		await screenshot(page, 'foundation/b-brouillon-404');
		await visit(page, `/organisateur/e/${draftSlug}/modifier`, 'B : modifier le brouillon de A (404)', 404);
		await visit(page, `/organisateur/e/${SLUG}`, 'B : événement publié de A côté équipe (404)', 404);
		await visit(page, `/e/${draftSlug}`, 'B : page publique du brouillon (404)', 404);
		const outboxPage = await page.goto(`${app.url}/admin/outbox`);
		expect([403, 404]).toContain(outboxPage!.status());
		await check(page, 'B : boîte d’envoi refusée');

		const token = await brunoToken;
		const get = await api('GET', `/events/${draftSlug}`, token);
		expect(get.status).toBe(404);
		const patch = await api('PATCH', `/events/${draftSlug}`, token, { title: 'Modifié par B', status: 'published' });
		expect(patch.status).toBe(404);
		expect(patch.json).toEqual({ errors: [{ field: '_', message: fr.errors.notFound }] });
		const list = await api('GET', '/events', token);
		expect((list.json as unknown as { slug: string }[]).map((e) => e.slug)).toEqual([SLUG]);

		const untouched = await api('GET', `/events/${draftSlug}`, aliceToken);
		expect(untouched.json).toMatchObject({ title: DRAFT_TITLE, status: 'draft' });

		// A still has both events on the dashboard.
		await visit(alice.page, '/organisateur', 'A : organisateur avec deux événements');
		const aliceMain = await text(alice.page.locator('main'));
		expect(aliceMain).toContain(TITLE);
		expect(aliceMain).toContain(DRAFT_TITLE);
		await screenshot(alice.page, 'foundation/organisateur');
	});

	it('test_every_page_passed_axe_and_no_request_left_the_app', () => {
		expect(axeChecked).toEqual(
			expect.arrayContaining([
				'accueil (anonyme)',
				'page publique de l’événement',
				'A: connexion',
				'A: organisateur',
				'formulaire de création avec erreurs',
				'vue d’ensemble (publié)',
				'modifier',
				'équipe',
				'jetons',
				'boîte d’envoi (admin)'
			])
		);
		expect(blockedForAlice()).toEqual([]);
		expect(blockedForBruno()).toEqual([]);
	});
});
