// The satisfaction survey in a real browser, on one app with SQLite. An organiser creates the
// survey from the NEC template, opens it now and sends the survey campaign (J+7) to the people
// who came; a participant who came (checked in) opens it from that e-mail's link on a phone
// (390 px), and answers with the keyboard alone: a rating, a session's rating, a comment, a
// draft saved and found again, then sent. The
// results page shows the answer. axe-core on every page, no request leaving the app, no page
// wider than the phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { registerParticipant } from '#lib/server/registrations/registration.service.ts';
import { newSession, registrationInput } from '../factories/registrations.ts';
import { checkInRow } from '../factories/surveys.ts';
import { blockThirdParty, launchBrowser, startApp, tabTo, type BrowserSession, type RunningApp } from './harness.ts';
import {
	Outbox,
	callApi,
	createUserWithToken,
	defaultDatabaseUrl,
	fill,
	navigating,
	pageChecks,
	signInWithMagicLink,
	text
} from './support.ts';

const fr = MESSAGES.fr;
const ORGANISER = 'orga.questionnaire@example.org';

describe('satisfaction survey in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let db: DbHandle;
	let desk: BrowserSession;
	let phone: BrowserSession;
	let blocked: (() => string[])[] = [];
	let slug: string;
	let token: string;
	let email: string;
	let apiToken: string;
	let sessionId: string;
	const { checked: axeChecked, check, visit } = pageChecks(() => app.url);

	beforeAll(async () => {
		app = await startApp();
		const databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		db = createDb(databaseUrl);
		apiToken = await createUserWithToken(ORGANISER, databaseUrl, ['--name', 'Orga Questionnaire']);
		const created = await callApi(app.url, 'POST', '/events', {
			token: apiToken,
			body: {
				title: 'NEC Haute-Vienne 2027',
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Espace Noriac', inseeCode: '87085' }
			}
		});
		expect(created.status, created.text).toBe(201);
		slug = created.json.slug;
		expect((await callApi(app.url, 'PATCH', `/events/${slug}`, { token: apiToken, body: { status: 'published' } })).status).toBe(200);
		sessionId = await newSession(db.db, created.json.id, {
			title: 'Plénière : le numérique d’intérêt général',
			format: 'plenary',
			startsAt: '2027-06-10T07:30:00.000Z',
			endsAt: '2027-06-10T08:30:00.000Z',
			requiresRegistration: false
		});
		const input = registrationInput({ firstName: 'Awa' });
		email = String(input.email);
		const person = await registerParticipant({ db: db.db, publicUrl: app.url }, null, slug, input);
		token = person.manageToken!;
		await checkInRow(db.db, created.json.id, person.id, '2027-06-10:am');

		desk = await launchBrowser();
		phone = await launchBrowser({ viewport: { width: 390, height: 800 } });
		blocked = [await blockThirdParty(desk.context, app.url), await blockThirdParty(phone.context, app.url)];
		await signInWithMagicLink(desk.page, app, outbox, ORGANISER);
	});

	afterAll(async () => {
		await desk?.close();
		await phone?.close();
		await outbox?.close();
		await db?.db.destroy();
		await app?.stop();
	});

	const named = (name: string) => async (focused: Locator) => (await focused.getAttribute('name')) === name;
	const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

	it('test_organiser_creates_the_survey_from_the_template_and_opens_it_now', async () => {
		const { page } = desk;
		await page.goto(`${app.url}/organisateur/e/${slug}`);
		await navigating(page, () => page.getByRole('link', { name: fr.surveys.nav, exact: true }).first().click());
		await check(page, 'builder, no survey yet');
		await navigating(page, () => page.getByRole('button', { name: fr.surveys.builder.create }).click());
		expect(await text(page.locator('[role=status]'))).toBe(fr.surveys.builder.created);
		await check(page, 'builder, template');
		// The template opens at the end of the event (June 2027): open it now instead.
		await page.locator('#opensAt').fill('');
		await page.locator('#new_label').fill('Un mot pour l’équipe ?');
		await page.locator('#new_type').selectOption('text');
		await navigating(page, () => page.getByRole('button', { name: fr.surveys.builder.save }).click());
		expect(await text(page.locator('[role=status]'))).toBe(fr.surveys.builder.saved);
		expect(await text(page.locator('main'))).toContain(fr.surveys.status.open);
		await check(page, 'builder, saved');
		const survey = await callApi(app.url, 'GET', `/events/${slug}/survey`, { token: apiToken });
		expect(survey.json.questions).toHaveLength(10);
		expect(survey.json.status).toBe('open');
	});

	it('test_organiser_schedules_the_survey_campaign_and_sends_it_to_the_people_who_came', async () => {
		const { page } = desk;
		await visit(page, `/organisateur/e/${slug}/campagnes`, 'campaigns');
		await page.locator('#kind').selectOption('survey');
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.create }).click());
		await check(page, 'survey campaign');
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.schedule.submit }).click());
		expect(await text(page.getByRole('status'))).toBe(fr.campaigns.notice.scheduled);
		// Scheduled at J+7 from the template; the organiser sends it now, the test cannot wait a week.
		expect(await text(page.locator('#preview-title + p'))).toContain(email);
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.sendNow }).click());
		expect(await text(page.getByRole('status'))).toBe(fr.campaigns.notice.sent);
		const mail = await outbox.written(email, 'campaign');
		const link = new RegExp(`${app.url}/inscription/(mrg_[\\w-]+)/questionnaire`).exec(mail.text_body ?? '');
		expect(link, mail.text_body ?? '').not.toBeNull();
		token = link![1];
	});

	it('test_participant_who_came_answers_with_the_keyboard_on_a_phone', async () => {
		const { page } = phone;
		const questions = (await callApi(app.url, 'GET', `/events/${slug}/survey`, { token: apiToken })).json.questions as {
			id: string;
			label: string;
		}[];
		const id = (start: string) => questions.find((q) => q.label.startsWith(start))!.id;

		// The e-mail's link, as the participant's mail client opens it.
		await visit(page, `/inscription/${token}/questionnaire`, 'answer form');
		expect(await fitsThePhone(page)).toBe(true);
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await fitsThePhone(page)).toBe(true);
		await page.setViewportSize({ width: 390, height: 800 });
		expect(await text(page.locator('main'))).toContain(fr.surveys.answer.anonymous);

		// Overall satisfaction: 4, with the arrow keys.
		expect(await tabTo(page, named(`q_${id('Dans l’ensemble')}`))).toBe(true);
		await page.keyboard.press('Space');
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		// What to improve, typed.
		expect(await tabTo(page, page.getByLabel('Qu’est-ce qu’il faut améliorer ?'))).toBe(true);
		await page.keyboard.type('Plus de temps pour se parler entre les ateliers');
		// Leave, and come back: the draft is kept on the server for this link.
		expect(await tabTo(page, page.getByRole('button', { name: fr.surveys.answer.saveDraft }))).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(await text(page.locator('[role=status]'))).toBe(fr.surveys.answer.draftSaved);
		await page.goto(`${app.url}/inscription/${token}/questionnaire`);
		expect(await text(page.locator('[role=status]'))).toBe(fr.surveys.answer.draftRestored);
		await check(page, 'answer form, draft restored');
		expect(await page.locator(`input[name="q_${id('Dans l’ensemble')}"][value="4"]`).isChecked()).toBe(true);

		// The plenary they attended (checked in that morning): 5.
		expect(await tabTo(page, named(`s_${sessionId}_${id('Votre note')}`), 120)).toBe(true);
		await page.keyboard.press('Space');
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
		expect(await tabTo(page, page.getByRole('button', { name: fr.surveys.answer.send }), 120)).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(await text(page.locator('[role=status]'))).toBe(fill(fr.surveys.answer.sent, { name: 'Awa' }));
		await check(page, 'answer sent');
		expect(await fitsThePhone(page)).toBe(true);
		// The smallest phones the project supports: 360 px.
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await fitsThePhone(page)).toBe(true);

		// Once answered, the private page no longer offers the survey, and nothing stored names Awa.
		await page.goto(`${app.url}/inscription/${token}`);
		expect(await page.getByRole('link', { name: fr.surveys.answer.ownLink }).count()).toBe(0);
		const stored = await db.db.selectFrom('survey_response').select('registration_id').execute();
		expect(stored).toEqual([{ registration_id: null }]);
	});

	it('test_results_page_shows_the_answer', async () => {
		const { page } = desk;
		await visit(page, `/organisateur/e/${slug}/questionnaire/resultats`, 'results');
		const main = await text(page.locator('main'));
		expect(main).toContain('Plus de temps pour se parler entre les ateliers');
		expect(main).toContain(fill(fr.surveys.results.average, { value: '4' }));
		const plenary = page.getByRole('row').filter({ hasText: 'Plénière : le numérique d’intérêt général' });
		expect(await text(plenary)).toContain('5');
		expect(await page.locator('svg rect').count()).toBeGreaterThan(0);
	});

	it('test_organiser_imports_answers_collected_elsewhere', async () => {
		const { page } = desk;
		await visit(page, `/organisateur/e/${slug}/questionnaire/importer`, 'import, file');
		// Windows-1252, as French Excel writes it: « é » is one byte.
		const csv = Buffer.from('Satisfaction;Remarque\r\n5;Tr\xe8s bien\r\n9;Trop court\r\n', 'latin1');
		await page.locator('#file').setInputFiles({ name: 'limesurvey.csv', mimeType: 'text/csv', buffer: csv });
		await navigating(page, () => page.getByRole('button', { name: fr.surveys.import.read }).click());
		await check(page, 'import, mapping');
		expect(await text(page.locator('main'))).toContain(fill(fr.surveys.import.rows_other, { count: 2 }));
		const survey = (await callApi(app.url, 'GET', `/events/${slug}/survey`, { token: apiToken })).json;
		const overall = survey.questions[0].id;
		const improve = survey.questions.find((q: { label: string }) => q.label.startsWith('Qu’est-ce qu’il faut améliorer')).id;
		await page.locator(`#map_${overall}`).selectOption('0');
		await page.locator(`#map_${improve}`).selectOption('1');
		await navigating(page, () => page.getByRole('button', { name: fr.surveys.import.run }).click());
		await check(page, 'import, report');
		expect(await text(page.locator('[role=status]'))).toBe(fill(fr.surveys.import.done, { imported: 1, refused: 1 }));
		expect(await text(page.locator('main'))).toContain('Ligne 3');
		const results = await callApi(app.url, 'GET', `/events/${slug}/survey/results`, { token: apiToken });
		expect(results.json.responses).toBe(2);
		expect(results.json.questions[0].average).toBe(4.5);
		expect(results.json.questions.find((q: { id: string }) => q.id === improve).texts.sort()).toEqual([
			'Plus de temps pour se parler entre les ateliers',
			'Très bien'
		]);
	});

	it('test_every_page_checked_and_nothing_left_the_app', () => {
		expect(axeChecked).toEqual([
			'builder, no survey yet',
			'builder, template',
			'builder, saved',
			'campaigns',
			'survey campaign',
			'answer form',
			'answer form, draft restored',
			'answer sent',
			'results',
			'import, file',
			'import, mapping',
			'import, report'
		]);
		expect(blocked.flatMap((b) => b())).toEqual([]);
	});
});
