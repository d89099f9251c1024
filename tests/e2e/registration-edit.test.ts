// Correcting a registration in a real browser (SQLite, the demo's upcoming event, a phone at
// 390 px): the organiser opens a person's page, edits it with the registration form prefilled, is
// told every problem on the first submit (the missing département included) with nothing lost,
// then saves a new name and address; the person is told by e-mail what changed. The person then
// changes their lunch and half-days from their private link. axe-core on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { migrateToLatest } from '#lib/server/db/migrate.ts';
import { DEMO_ORGANISER_EMAIL, seedDemo } from '#lib/server/demo/demo.service.ts';
import { registerParticipant } from '#lib/server/registrations/registration.service.ts';
import { MESSAGES } from '#lib/i18n/index.ts';
import { registrationInput } from '../factories/registrations.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, defaultDatabaseUrl, fill, navigating, pageChecks, signInWithMagicLink, text } from './support.ts';

const fr = MESSAGES.fr;

describe('editing a registration (SQLite, demo data, 390 px)', () => {
	let app: RunningApp;
	let db: DbHandle;
	let outbox: Outbox;
	let phone: BrowserSession;
	let blocked: () => string[];
	let slug: string;
	let person: { id: string; token: string; email: string };
	const { check } = pageChecks(() => app.url);

	beforeAll(async () => {
		// The demo is loaded before the app starts: its many writes never meet the app's jobs.
		app = await startApp({
			beforeStart: async ({ databaseUrl, url }) => {
				const seeding = createDb(databaseUrl);
				await migrateToLatest(seeding.db);
				slug = (await seedDemo(seeding, url)).events[0];
				const input = registrationInput({ firstName: 'Maëlle', lastName: 'Le Goff' });
				const r = await registerParticipant({ db: seeding.db, publicUrl: url }, null, slug, input);
				person = { id: r.id, token: r.manageToken!, email: String(input.email) };
				await seeding.db.destroy();
			}
		});
		const databaseUrl = defaultDatabaseUrl(app);
		db = createDb(databaseUrl);
		outbox = new Outbox(databaseUrl);
		phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
		blocked = await blockThirdParty(phone.context, app.url);
		await signInWithMagicLink(phone.page, app, outbox, DEMO_ORGANISER_EMAIL);
	}, 60_000);

	afterAll(async () => {
		await phone?.close();
		await outbox?.close();
		await db?.db.destroy();
		await app?.stop();
	});

	it('test_organiser_edits_a_registration_all_errors_on_first_submit_then_saved_and_mailed', async () => {
		const page = phone.page;
		await page.goto(`${app.url}/organisateur/e/${slug}/inscriptions/${person.id}`);
		await navigating(page, () => page.getByRole('link', { name: fr.registrationEdit.link }).click());
		await check(page, 'edit form');
		expect(await page.locator('#firstName').inputValue()).toBe('Maëlle');

		// No first name and no territory at all: both told at once, each a link to its field.
		await page.locator('#firstName').fill('');
		await page.locator('#departement').selectOption('');
		await page.locator('#commune').fill('');
		await page.locator('#lastName').fill('Le Goff-Martin');
		await navigating(page, () => page.getByRole('button', { name: fr.registrationEdit.submit }).click());
		const summary = page.locator('.error-summary');
		const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(links).toEqual(expect.arrayContaining(['#firstName', '#departement']));
		expect(await page.locator('#lastName').inputValue()).toBe('Le Goff-Martin');
		await check(page, 'edit form with errors');

		const newEmail = 'maelle.nouvelle@exemple.fr';
		await page.locator('#firstName').fill('Maëlle');
		await page.locator('#departement').selectOption('87');
		await page.locator('#email').fill(newEmail);
		await navigating(page, () => page.getByRole('button', { name: fr.registrationEdit.submit }).click());
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${slug}/inscriptions/${person.id}`);
		expect(await text(page.getByRole('status'))).toContain('nom, adresse e-mail');
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Le Goff-Martin');
		await check(page, 'registration after edit');
		await screenshot(page, 'experience/registration-edited-390');
		const mail = await db.db
			.selectFrom('mail_message')
			.select(['kind', 'text_body'])
			.where('to_address', '=', newEmail)
			.executeTakeFirstOrThrow();
		expect(mail.kind).toBe('registration-edited');
		expect(mail.text_body).toContain('adresse e-mail');

		// The page lists who changed what (from the audit log) and the messages to the address.
		await page.reload();
		const changes = page.locator('section[aria-labelledby="changes-title"] li');
		expect(await text(changes.first())).toContain(`${DEMO_ORGANISER_EMAIL} a modifié : nom, adresse e-mail, territoire`);
		const messages = page.locator('section[aria-labelledby="messages-title"] li');
		await expect(messages.count()).resolves.toBe(1);
		// Sending the confirmation again: a new message, with a new private link, and a line in the history.
		await navigating(page, () => page.getByRole('button', { name: fr.registrationHistory.resend }).click());
		expect(await text(page.getByRole('status'))).toBe(`Confirmation renvoyée à ${newEmail}.`);
		await expect(messages.count()).resolves.toBe(2);
		expect(await text(changes.first())).toContain(`${DEMO_ORGANISER_EMAIL} a renvoyé la confirmation`);
		const kinds = await db.db.selectFrom('mail_message').select('kind').where('to_address', '=', newEmail).orderBy('created_at').execute();
		expect(kinds.map((k) => k.kind)).toEqual(['registration-edited', 'registration-confirmed']);
		await check(page, 'registration with its history');
		await screenshot(page, 'experience/registration-history-390');
	});

	it('test_organiser_checks_the_person_in_and_out_from_their_page_with_an_off_day_warning', async () => {
		const page = phone.page;
		await page.goto(`${app.url}/organisateur/e/${slug}/inscriptions/${person.id}`);
		const desk = page.locator('section[aria-labelledby="desk-title"]');
		const name = (await text(page.getByRole('heading', { level: 1 }))).trim();
		// The demo's event is months away: the arrival is recorded, and the page says it is not the day.
		await navigating(page, () =>
			desk
				.getByRole('button', { name: fill(fr.checkin.checkIn, { name }) })
				.first()
				.click()
		);
		const status = await text(desk.getByRole('status'));
		expect(status).toContain(fill(fr.checkin.done, { name, time: '' }).split('(')[0].trim());
		expect(status).toContain(fr.checkin.offDayDone);
		const stored = await db.db.selectFrom('checkin').select('half_day').where('registration_id', '=', person.id).execute();
		expect(stored).toHaveLength(1);
		await check(page, 'registration checked in');
		await navigating(page, () =>
			desk
				.getByRole('button', { name: fill(fr.checkin.undo, { name }) })
				.first()
				.click()
		);
		expect(await text(desk.getByRole('status'))).toBe(fr.checkin.undone);
		expect(await db.db.selectFrom('checkin').select('half_day').where('registration_id', '=', person.id).execute()).toEqual([]);
	});

	it('test_participant_csv_uses_the_separator_chosen_on_the_screen_and_remembers_it', async () => {
		const page = phone.page;
		await page.goto(`${app.url}/organisateur/e/${slug}/inscriptions`);
		const select = page.locator('#csv-participants');
		// French: semicolons first, what a French Excel or LibreOffice opens without an import dialog.
		await expect(select.inputValue()).resolves.toBe('semicolon');
		await check(page, 'participants with the CSV separator');
		await select.selectOption('comma');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: fr.participants.exportCsv }).click()
		]);
		const bytes = await readFile((await download.path())!);
		// UTF-8 with its BOM (Excel needs it whatever the separator), commas, CRLF.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = bytes.toString('utf8').slice(1).split('\r\n');
		expect(lines[0].split(',').length).toBeGreaterThan(5);
		expect(lines[0]).not.toContain(';');
		expect(lines.some((l) => l.includes('Maëlle'))).toBe(true);
		// The choice is offered first next time.
		await page.goto(`${app.url}/organisateur/e/${slug}/inscriptions`);
		await expect(select.inputValue()).resolves.toBe('comma');
		await select.selectOption('semicolon');
		const [again] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: fr.participants.exportCsv }).click()
		]);
		expect((await readFile((await again.path())!)).toString('utf8').split('\r\n')[0]).toContain(';');
	});

	it('test_person_changes_lunch_and_half_days_from_the_private_link', async () => {
		const page = phone.page;
		await page.goto(`${app.url}/inscription/${person.token}`);
		await check(page, 'private page');
		const form = page.locator('form[action="?/besoins"]');
		const halfDays = form.locator('input[name="halfDays"]');
		expect(await halfDays.count()).toBeGreaterThan(1);
		await halfDays.last().uncheck();
		await form.locator('input[name="meal"]').check();
		await navigating(page, () => form.getByRole('button', { name: fr.registrationEdit.own.submit }).click());
		expect(await text(page.getByRole('status').first())).toBe(fr.registrationEdit.own.saved);
		await check(page, 'private page after the change');
		const row = await db.db.selectFrom('registration').select(['meal', 'half_days']).where('id', '=', person.id).executeTakeFirstOrThrow();
		expect(Number(row.meal)).toBe(1);
		expect((JSON.parse(row.half_days) as string[]).length).toBe((await halfDays.count()) - 1);
		expect(blocked()).toEqual([]);
	});
});
