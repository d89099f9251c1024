// Every organiser page of a seeded event on a 360 px phone: the demo's upcoming event (programme,
// budget, registrations) is loaded into a fresh app, its organiser signs in, and the suite walks
// the event's menu (src/lib/ui/event-nav.ts), the pages under each entry, and one detail page of
// each list. On each: 200, the document no wider than the viewport (no horizontal scroll), and
// axe-core with zero violations. The overview is kept as screenshots at 1280 and 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { migrateToLatest } from '#lib/server/db/migrate.ts';
import { DEMO_ORGANISER_EMAIL, seedDemo } from '#lib/server/demo/demo.service.ts';
import { EVENT_NAV } from '#lib/ui/event-nav.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import sharp from 'sharp';
import { Outbox, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink } from './support.ts';

const WIDTH = 360;

/** Pages reached from a menu entry's own sub-menu or its buttons, not from the event's menu. */
const SUB_PAGES = [
	'/retroplanning',
	'/budget',
	'/inscriptions/parametres',
	'/comite',
	'/comite/reunions',
	'/comite/temps',
	'/logistique',
	'/inscriptions/ateliers',
	'/inscriptions/questions',
	'/inscriptions/ajouter',
	'/inscriptions/importer',
	'/programme/sessions/nouvelle',
	'/campagnes/contacts',
	'/reseau/groupes',
	'/modifier/images'
];

/** List pages, the links to their detail pages, and the detail page of a link (the first one is visited). */
const ID = '([0-9a-f-]{36})';
const DETAILS: [string, RegExp, (id: string) => string][] = [
	['/inscriptions', new RegExp(`/inscriptions/${ID}$`), (id) => `/inscriptions/${id}`],
	['/programme/intervenants', new RegExp(`/programme/intervenants/${ID}$`), (id) => `/programme/intervenants/${id}`],
	// The grid opens a session in its side panel (`?s=`); its full page is /programme/sessions/{id}.
	['/programme', new RegExp(`[?&]s=${ID}`), (id) => `/programme/sessions/${id}`],
	['/retroplanning', new RegExp(`/retroplanning/${ID}$`), (id) => `/retroplanning/${id}`],
	['/logistique', new RegExp(`/logistique/${ID}$`), (id) => `/logistique/${id}`]
];

describe('organiser pages at 360 px (SQLite, demo data)', () => {
	let app: RunningApp;
	let db: DbHandle;
	let phone: BrowserSession;
	let blocked: () => string[];
	let base: string;
	const { check } = pageChecks(() => app.url);

	beforeAll(async () => {
		// The demo is loaded before the app starts: its many writes never meet the app's jobs.
		app = await startApp({
			beforeStart: async ({ databaseUrl, url }) => {
				const seeding = createDb(databaseUrl);
				await migrateToLatest(seeding.db);
				const { events } = await seedDemo(seeding, url);
				base = `/organisateur/e/${events[0]}`;
				await seeding.db.destroy();
			}
		});
		const databaseUrl = defaultDatabaseUrl(app);
		db = createDb(databaseUrl);
		phone = await launchBrowser({ viewport: { width: WIDTH, height: 780 } });
		blocked = await blockThirdParty(phone.context, app.url);
		await signInWithMagicLink(phone.page, app, new Outbox(databaseUrl), DEMO_ORGANISER_EMAIL);
	}, 90_000);

	afterAll(async () => {
		await phone?.close();
		await db?.db.destroy();
		await app?.stop();
	});

	/** The document's width beyond the viewport, in CSS pixels (0 when nothing scrolls sideways). */
	const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

	async function walk(page: Page, path: string): Promise<string | null> {
		const response = await page.goto(`${app.url}${base}${path}`);
		expect(response?.status(), `${path} answered ${response?.status()}`).toBe(200);
		expect(await overflow(page), `${path} is wider than ${WIDTH} px`).toBeLessThanOrEqual(0);
		await check(page, `${path || '/'} at ${WIDTH} px`);
		return null;
	}

	it('test_every_organiser_page_fits_360_px_with_no_axe_violation', async () => {
		const page = phone.page;
		const menu = ['', ...EVENT_NAV.flatMap((g) => g.links.map((l) => l.path))];
		const failures: string[] = [];
		const visit = async (path: string) => {
			try {
				await walk(page, path);
			} catch (e) {
				failures.push(`${path}: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`);
			}
		};
		for (const path of [...menu, ...SUB_PAGES]) await visit(path);
		for (const [list, pattern, detailPath] of DETAILS) {
			await page.goto(`${app.url}${base}${list}`);
			const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
			const id = hrefs.map((h) => pattern.exec(h)?.[1]).find(Boolean);
			expect(id, `no detail link on ${list}`).toBeDefined();
			await visit(detailPath(id!));
		}
		expect(failures).toEqual([]);
		expect(blocked()).toEqual([]);
	}, 240_000);

	it('test_design_page_lists_the_components_fits_360_px_and_passes_axe', async () => {
		const page = phone.page;
		await page.setViewportSize({ width: WIDTH, height: 780 });
		const response = await page.goto(`${app.url}/design`);
		expect(response?.status()).toBe(200);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await expect(page.locator('main h2').count()).resolves.toBeGreaterThanOrEqual(10);
		// The error summary's links lead to fields that exist on the page.
		for (const href of await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))
			await expect(page.locator(href).count()).resolves.toBe(1);
		await check(page, '/design at 360 px');
		await page.setViewportSize({ width: 1280, height: 900 });
		await check(page, '/design at 1280 px');
		await screenshot(page, 'experience/design-1280');
	});

	it('test_public_event_page_promotes_speakers_and_practical_information_and_adds_to_a_calendar', async () => {
		const page = phone.page;
		const slug = base.split('/').pop()!;
		for (const width of [WIDTH, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			const response = await page.goto(`${app.url}/e/${slug}`);
			expect(response?.status()).toBe(200);
			expect(await overflow(page), `event page at ${width} px`).toBeLessThanOrEqual(0);
			await check(page, `public event page at ${width} px`);
		}
		await expect(page.getByRole('heading', { level: 2, name: 'Les intervenant·es' }).isVisible()).resolves.toBe(true);
		await expect(page.getByRole('heading', { level: 2, name: 'Infos pratiques' }).isVisible()).resolves.toBe(true);
		await expect(page.locator('.highlights li').count()).resolves.toBeGreaterThan(0);
		await screenshot(page, 'experience/event-page-1280');
		const ics = await fetch(`${app.url}/e/${slug}/agenda.ics`);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		const body = await ics.text();
		expect(body.match(/BEGIN:VEVENT/g)?.length).toBe(1);
		expect(body).toContain('SUMMARY:Numérique en Commun[s] des Monts du Limousin');
	});

	it('test_overview_guides_with_next_steps_at_1280_and_390_px', async () => {
		const page = phone.page;
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${app.url}${base}`);
		await expect(page.getByRole('heading', { level: 2, name: 'Prochaines étapes' }).isVisible()).resolves.toBe(true);
		// The menu is folded on a phone: one summary, the five groups inside.
		const summary = page.locator('details.event-menu > summary');
		await expect(summary.isVisible()).resolves.toBe(true);
		await summary.click();
		await expect(page.locator('details.event-menu .phase-title').allTextContents()).resolves.toEqual([
			'Préparer',
			'Programmer',
			'Inscrire',
			'Accueillir',
			'Après'
		]);
		await screenshot(page, 'experience/overview-390');
		await page.setViewportSize({ width: 1280, height: 900 });
		await expect(summary.isVisible()).resolves.toBe(false);
		await screenshot(page, 'experience/overview-1280');
	});

	it('test_banner_and_logos_uploaded_from_the_settings_show_on_the_event_page_resized_and_lazy', async () => {
		const page = phone.page;
		const slug = base.split('/').pop()!;
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${app.url}${base}/modifier/images`);
		// A logo that is not an image, with no name: both errors named in the summary, which takes the
		// focus, each next to its field in French; what was typed is kept.
		await page.locator('#logo-alt').fill('Logo de la Région');
		await page.locator('#logo-image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
		await navigating(page, () => page.getByRole('button', { name: 'Ajouter un logo' }).click());
		const summary = page.locator('.error-summary');
		await expect(summary.locator('a').allTextContents()).resolves.toEqual([
			'Nom de la structure\u00a0: Ce champ est obligatoire.',
			'Image\u00a0: Ce fichier n’est pas une image (JPEG, PNG, WebP, GIF ou AVIF).'
		]);
		await expect(page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).resolves.toBe(true);
		await expect(page.locator('#logo-image-error').textContent()).resolves.toContain('n’est pas une image');
		await expect(page.locator('#logo-alt').inputValue()).resolves.toBe('Logo de la Région');
		await check(page, 'event images with errors at 390 px');

		const photo = await sharp({
			create: { width: 2400, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 120, sigma: 30 } }
		})
			.blur(2)
			.jpeg()
			.toBuffer();
		await page.locator('#banner-image').setInputFiles({ name: 'salle.jpg', mimeType: 'image/jpeg', buffer: photo });
		await page.locator('#banner-alt').fill('La grande salle pendant un atelier');
		await navigating(page, () => page.getByRole('button', { name: 'Ajouter une bannière' }).click());
		await expect(page.locator('.notice.ok').textContent()).resolves.toContain('Bannière enregistrée');
		const logo = (text: string) =>
			sharp(
				Buffer.from(
					`<svg xmlns="http://www.w3.org/2000/svg" width="500" height="200"><rect width="200" height="200" fill="#2a6"/><text x="210" y="120" font-size="60">${text}</text></svg>`
				)
			)
				.png()
				.toBuffer();
		for (const [kind, name, link] of [
			['organiser', 'Hub « Sud » & Co', 'https://hub.example.org'],
			['funder', 'Région', '']
		]) {
			await page.locator('#logo-kind').selectOption(kind);
			await page.locator('#logo-name').fill(name);
			await page.locator('#logo-link').fill(link);
			await page.locator('#logo-alt').fill(name);
			await page.locator('#logo-image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logo(name.slice(0, 3)) });
			await navigating(page, () => page.getByRole('button', { name: 'Ajouter un logo' }).click());
			await expect(page.locator('.notice.ok').textContent()).resolves.toContain('Logo ajouté');
		}
		await check(page, 'event images at 390 px');

		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`${app.url}/e/${slug}`);
			const banner = page.locator('img.hero-banner');
			await expect(banner.getAttribute('alt')).resolves.toBe('La grande salle pendant un atelier');
			await expect(banner.getAttribute('srcset')).resolves.toMatch(/ 640w, .* 1280w, .* 1920w$/);
			// The phone takes a narrower file than the wide screen (device scale factor 1).
			const chosen = await banner.evaluate((img: HTMLImageElement) => img.currentSrc);
			const widths = await banner.evaluate((img: HTMLImageElement) => img.srcset.split(', ').map((c) => c.split(' ')));
			expect(widths.find(([url]) => chosen.endsWith(url))?.[1]).toBe(width === 390 ? '640w' : '1280w');
			const logos = page.locator('ul.logos img');
			await expect(logos.count()).resolves.toBe(2);
			await expect(logos.evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('loading'), i.getAttribute('alt')]))).resolves.toEqual([
				['lazy', 'Hub « Sud » & Co'],
				['lazy', 'Région']
			]);
			await expect(page.locator('ul.logos a').getAttribute('href')).resolves.toBe('https://hub.example.org');
			await expect(page.getByRole('heading', { level: 3, name: 'Avec le soutien de' }).count()).resolves.toBe(1);
			const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
			expect(ld.image).toMatch(new RegExp(`^${app.url}/e/${slug}/programme/fichiers/[0-9a-f-]{36}$`));
			expect(await overflow(page), `event page at ${width} px`).toBeLessThanOrEqual(0);
			await check(page, `public event page with banner at ${width} px`);
			await page.locator('ul.logos').last().scrollIntoViewIfNeeded();
			await page.waitForFunction(() => [...document.querySelectorAll('img')].every((i) => i.complete));
			await screenshot(page, `experience/event-page-banner-${width}`);
		}
		expect(blocked()).toEqual([]);
	});
});
