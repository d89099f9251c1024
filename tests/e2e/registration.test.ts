// Registration and the day itself in a real browser, on one app with SQLite: a visitor registers
// with the keyboard alone (errors first), finds the confirmation in the outbox, follows its private
// link and changes a workshop; the organiser, on a phone-sized screen, checks the visitor in and
// downloads the attendance sheet, whose text must hold the visitor's name. axe-core on every page,
// and no request may leave the app.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { newRoom, newSession } from '../factories/registrations.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, tabTo, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, ROOT, createUserWithToken, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink, text } from './support.ts';

const fr = MESSAGES.fr;
const ORGANISER = 'orga.inscriptions@example.org';
const VISITOR = 'awa.diallo@example.org';

/** Moves through a radio group with the arrow keys until `target` is checked (at most 6 presses). */
async function arrowTo(page: Page, target: Locator, key: 'ArrowUp' | 'ArrowDown' = 'ArrowUp'): Promise<boolean> {
	for (let i = 0; i < 6 && !(await target.isChecked()); i++) await page.keyboard.press(key);
	return target.isChecked();
}

describe('registration and the day in the browser (SQLite)', () => {
	let app: RunningApp;
	let databaseUrl: string;
	let outbox: Outbox;
	let db: DbHandle;
	let visitor: BrowserSession;
	let organiser: BrowserSession;
	let blocked: (() => string[])[] = [];
	let slug: string;
	let atelierA: string;
	let atelierB: string;
	let manageLink: string;
	const { checked: axeChecked, check } = pageChecks(() => app.url);

	beforeAll(async () => {
		app = await startApp();
		databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		db = createDb(databaseUrl);
		const token = await createUserWithToken(ORGANISER, databaseUrl, ['--name', 'Orga Inscriptions']);
		const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		const created = await fetch(`${app.url}/api/v1/events`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				title: 'NEC Haute-Vienne 2027',
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Espace Noriac', address: '10 rue Jean Pierre Timbaud', inseeCode: '87085' }
			})
		});
		const event = (await created.json()) as { id: string; slug: string };
		slug = event.slug;
		const room1 = await newRoom(db.db, event.id, { name: 'Espace 1', capacity: 20 });
		const room2 = await newRoom(db.db, event.id, { name: 'Espace 2', capacity: 20 });
		await newSession(db.db, event.id, {
			title: 'Plénière d’ouverture',
			format: 'plenary',
			requiresRegistration: false,
			startsAt: '2027-06-10T07:00:00Z',
			endsAt: '2027-06-10T08:00:00Z'
		});
		atelierA = await newSession(db.db, event.id, {
			title: 'Atelier médiation',
			roomId: room1,
			startsAt: '2027-06-10T08:15:00Z',
			endsAt: '2027-06-10T09:45:00Z'
		});
		atelierB = await newSession(db.db, event.id, {
			title: 'Atelier communs',
			roomId: room2,
			startsAt: '2027-06-10T08:15:00Z',
			endsAt: '2027-06-10T09:45:00Z'
		});
		const patched = await fetch(`${app.url}/api/v1/events/${slug}`, {
			method: 'PATCH',
			headers,
			body: JSON.stringify({ status: 'published', capacity: 150 })
		});
		expect(patched.status).toBe(200);
		visitor = await launchBrowser();
		organiser = await launchBrowser();
		blocked = [await blockThirdParty(visitor.context, app.url), await blockThirdParty(organiser.context, app.url)];
	});

	afterAll(async () => {
		await visitor?.close();
		await organiser?.close();
		await outbox?.close();
		await db?.db.destroy();
		await app?.stop();
	});

	it('test_visitor_registers_with_the_keyboard_alone_errors_first', async () => {
		const { page } = visitor;
		await page.goto(`${app.url}/e/${slug}`);
		await check(page, 'page publique avec lien d’inscription');
		expect(await tabTo(page, fr.registration.page.link), 'the registration link is not reachable with Tab').toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(new URL(page.url()).pathname).toBe(`/e/${slug}/inscription`);
		await check(page, 'formulaire d’inscription');
		await screenshot(page, 'registration/formulaire');

		// Everything typed, but no consent to the terms: refused, explained, nothing lost.
		expect(await tabTo(page, page.locator('#firstName'))).toBe(true);
		await page.keyboard.type('Awa');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Diallo');
		await page.keyboard.press('Tab');
		await page.keyboard.type(VISITOR);
		await page.keyboard.press('Tab');
		await page.keyboard.type('Médiathèque francophone de Limoges');
		await page.keyboard.press('Tab');
		await page.keyboard.press('ArrowDown'); // collectivité
		await page.keyboard.press('Tab');
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // médiateur·rice numérique
		await page.keyboard.press('Tab');
		await page.keyboard.type('87'); // Haute-Vienne, by typing its code
		await page.keyboard.press('Tab');
		await page.keyboard.type('Limoges');
		expect(await page.locator('#structureType').inputValue()).toBe('collectivite');
		expect(await page.locator('#role').inputValue()).toBe('mediateur-numerique');
		expect(await page.locator('#departement').inputValue()).toBe('87');
		// The workshops: from "no workshop" (checked) up to the first one of the slot.
		expect(await tabTo(page, page.locator('input[type=radio][value=""]').first())).toBe(true);
		expect(await arrowTo(page, page.locator(`input[type=radio][value="${atelierA}"]`))).toBe(true);
		expect(await tabTo(page, fr.registration.page.submit)).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));

		expect(new URL(page.url()).pathname).toBe(`/e/${slug}/inscription`);
		expect(await page.locator('#consentTerms').getAttribute('aria-invalid')).toBe('true');
		expect(await text(page.locator('#consentTerms-error'))).toBe(fr.registration.errors.termsRequired);
		expect(await text(page.getByRole('alert').first())).toContain(fr.registration.errors.termsRequired);
		expect(await page.locator('#firstName').inputValue()).toBe('Awa');
		expect(await page.locator('#email').inputValue()).toBe(VISITOR);
		expect(await page.locator('#commune').inputValue()).toBe('Limoges');
		expect(await page.locator(`input[type=radio][value="${atelierA}"]`).isChecked()).toBe(true);
		expect(await db.db.selectFrom('registration').select('id').execute()).toEqual([]);
		await check(page, 'formulaire d’inscription avec erreur');
		await screenshot(page, 'registration/formulaire-erreur');

		// Tick the consent with the keyboard and send.
		expect(await tabTo(page, page.locator('#consentTerms'), 120)).toBe(true);
		await page.keyboard.press('Space');
		expect(await tabTo(page, fr.registration.page.submit)).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(new URL(page.url()).pathname).toBe(`/e/${slug}/inscription/merci`);
		expect(await text(page.getByRole('status'))).toContain('NEC Haute-Vienne 2027');
		await check(page, 'inscription confirmée');

		const rows = await db.db.selectFrom('registration').select(['id', 'status', 'commune', 'departement', 'role']).execute();
		expect(rows).toMatchObject([{ status: 'confirmed', commune: 'Limoges', departement: '87', role: 'mediateur-numerique' }]);
		const seats = await db.db.selectFrom('registration_session').select(['session_id', 'status']).execute();
		expect(seats).toEqual([{ session_id: atelierA, status: 'confirmed' }]);
	});

	it('test_confirmation_is_in_the_outbox_and_its_private_link_changes_a_workshop', async () => {
		const mail = await outbox.written(VISITOR, 'registration-confirmed');
		expect(mail.subject).toBe('Inscription confirmée : NEC Haute-Vienne 2027');
		expect(mail.text_body).toContain('Atelier médiation');
		expect(mail.text_body).toContain('place confirmée');
		const attachments = JSON.parse(mail.attachments ?? '[]') as { filename: string }[];
		expect(attachments.map((a) => a.filename)).toEqual([`${slug}.ics`, 'qr-code-accueil.png']);
		manageLink = /https?:\/\/\S+\/inscription\/mrg_[A-Za-z0-9_-]+/.exec(mail.text_body)![0];

		const { page } = visitor;
		await page.goto(manageLink);
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(fr.registration.own.title);
		expect(await text(page.locator('main'))).toContain('Atelier médiation');
		expect(await text(page.locator('main'))).toContain('Limoges, Haute-Vienne (87)');
		await check(page, 'page privée de l’inscription');
		await screenshot(page, 'registration/page-privee');

		// Keyboard only: into the slot's radios (on the chosen workshop), to the other one, then save.
		expect(await tabTo(page, page.locator(`input[type=radio][value="${atelierA}"]`), 80)).toBe(true);
		expect(await arrowTo(page, page.locator(`input[type=radio][value="${atelierB}"]`))).toBe(true);
		expect(await tabTo(page, fr.registration.own.changeSubmit)).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(await text(page.getByRole('status'))).toBe(fr.registration.own.done.ateliers);
		await check(page, 'page privée après changement d’atelier');
		const seats = await db.db.selectFrom('registration_session').select(['session_id', 'status']).execute();
		expect(seats).toEqual([{ session_id: atelierB, status: 'confirmed' }]);
		const changed = await db.db
			.selectFrom('mail_message')
			.select(['kind'])
			.where('to_address', '=', VISITOR)
			.orderBy('created_at')
			.execute();
		expect(changed.map((m) => m.kind)).toEqual(['registration-confirmed', 'registration-changed']);
	});

	it('test_organiser_checks_in_on_a_phone_and_downloads_the_attendance_sheet', async () => {
		const { page } = organiser;
		await page.setViewportSize({ width: 375, height: 740 });
		await signInWithMagicLink(page, app, outbox, ORGANISER);

		await page.goto(`${app.url}/organisateur/e/${slug}/inscriptions`);
		expect(await text(page.locator('main'))).toContain('DIALLO Awa');
		await check(page, 'liste des participant·es (téléphone)');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
		await screenshot(page, 'registration/participants-telephone');

		await page.goto(`${app.url}/organisateur/e/${slug}/accueil?demi-journee=2027-06-10:am`);
		await check(page, 'accueil (téléphone)');
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			'the desk must fit a phone without sideways scrolling'
		).toBeLessThanOrEqual(375);
		expect(await text(page.locator('.counter'))).toBe('0 arrivé·e sur 1 attendu·e');
		await page.locator('#q').fill('diallo');
		await navigating(page, () => page.getByRole('button', { name: fr.checkin.searchSubmit }).first().click());
		const button = page.getByRole('button', { name: 'Marquer Awa Diallo présent·e' });
		expect(await button.count()).toBe(1);
		await check(page, 'accueil : résultat de recherche');
		await navigating(page, () => button.click());
		expect(await text(page.getByRole('status').filter({ hasText: 'Awa Diallo' }))).toMatch(/^Awa Diallo est arrivé·e \(\d+ h \d{2}\)\.$/);
		expect(await text(page.locator('.counter'))).toBe('1 arrivé·e sur 1 attendu·e');
		await check(page, 'accueil : arrivée enregistrée');
		await screenshot(page, 'registration/accueil-telephone');

		await page.goto(`${app.url}/organisateur/e/${slug}/emargement`);
		await check(page, 'émargement');
		const link = page.getByRole('link', { name: /Feuille d’émargement de jeudi 10 juin 2027, matin/ });
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
		const dir = await mkdtemp(path.join(ROOT, '.tmp', 'pdf-'));
		try {
			const file = path.join(dir, 'emargement.pdf');
			await download.saveAs(file);
			const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
			expect(pdfText).toContain('DIALLO');
			expect(pdfText).toContain('Awa');
			expect(pdfText).toContain('Feuille d’émargement');
			expect(pdfText).toContain('Espace Noriac');
			expect(pdfText).toMatch(/Page 1 \/ 1/);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
		const audit = await db.db.selectFrom('audit_log').select(['action', 'actor_label']).execute();
		expect(audit).toContainEqual({ action: 'attendance-sheet.download', actor_label: ORGANISER });
	});

	it('test_organiser_pages_pass_axe', async () => {
		const { page } = organiser;
		await page.setViewportSize({ width: 1280, height: 900 });
		const pages: [string, string][] = [
			['inscriptions/parametres', 'réglages des inscriptions'],
			['inscriptions/questions', 'questions'],
			['inscriptions/ajouter', 'ajout manuel'],
			['inscriptions/importer', 'import'],
			['inscriptions/ateliers', 'listes par atelier'],
			[`inscriptions/ateliers/${atelierB}`, 'liste d’un atelier'],
			['accueil/sur-place', 'inscription sur place'],
			['badges', 'badges']
		];
		for (const [sub, label] of pages) {
			const res = await page.goto(`${app.url}/organisateur/e/${slug}/${sub}`);
			expect(res!.status(), sub).toBe(200);
			await check(page, label);
			await screenshot(page, `registration/${sub.replace(/\//g, '-').slice(0, 40)}`);
		}
		// A CSV import with one good and one bad line.
		await page.goto(`${app.url}/organisateur/e/${slug}/inscriptions/importer`);
		const dir = await mkdtemp(path.join(ROOT, '.tmp', 'csv-'));
		try {
			const file = path.join(dir, 'contacts.csv');
			await writeFile(
				file,
				'Prénom;Nom;E-mail;Structure;Type de structure;Rôle;Commune\nJean;Martin;jean.martin@example.org;Mairie de Guéret;Collectivité;Élu·e;Guéret\nSans;Adresse;pas-une-adresse;X;;;\n'
			);
			await page.locator('#file').setInputFiles(file);
			await navigating(page, () => page.getByRole('button', { name: fr.registration.import.submit }).click());
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
		expect(await text(page.getByRole('status'))).toContain('2 ligne(s) lues : 1 inscrite(s)');
		expect(await text(page.locator('main'))).toContain('Ligne 3');
		await check(page, 'import : rapport');
		const jean = await db.db
			.selectFrom('registration')
			.select(['role', 'departement', 'source'])
			.where('email', '=', 'jean.martin@example.org')
			.executeTakeFirstOrThrow();
		expect(jean).toEqual({ role: 'elu', departement: '23', source: 'import' });
	});

	it('test_every_page_passed_axe_and_no_request_left_the_app', () => {
		expect(axeChecked.length).toBeGreaterThanOrEqual(18);
		for (const b of blocked) expect(b()).toEqual([]);
	});
});
