// The preparation in a real browser, on one app with SQLite: an organiser creates an event
// through the form and finds the template's retro-planning dated from its first day; moving the
// event two weeks later moves every relative task; a task without a date is refused in French
// next to its field; a balanced budget is entered (a bad amount refused first), its Cerfa
// workbook downloaded and its totals read back with exceljs. axe-core on every page, no request
// leaving the app, and nobody outside the team sees any of it (404).
//
// Needs `seedPreparation` wired into `createEvent` (see the report of the preparation work).
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, tabTo, type BrowserSession, type RunningApp } from './harness.ts';
import {
	Outbox,
	callApi,
	createTokenWithCli,
	createUserWithToken,
	defaultDatabaseUrl,
	fill,
	navigating,
	pageChecks,
	signInWithMagicLink,
	text
} from './support.ts';
import { sendWeeklyTaskDigests } from '#lib/server/planning/digest.service.ts';

const fr = MESSAGES.fr;
const A = 'camille.preparation@example.org';
const B = 'bruno.dehors@example.org';
const TITLE = 'NEC Préparation Limousin';
const SLUG = 'nec-preparation-limousin';
const VENUE_TASK = 'Cahier des charges logistique validé avec le lieu d’accueil';
const SURVEY_TASK = 'Envoyer le questionnaire de satisfaction';

describe('preparation in the browser (SQLite)', () => {
	let app: RunningApp;
	let databaseUrl: string;
	let outbox: Outbox;
	let browser: BrowserSession;
	let blocked: () => string[];
	let token: string;
	/** B has no role in the event; made by the tool in the background while the browser works. */
	let outsiderToken: Promise<string>;
	const { checked: axeChecked, check, visit } = pageChecks(() => app.url);
	const base = `/organisateur/e/${SLUG}`;

	const api = (method: string, pathname: string, bearer: string | null, body?: unknown) =>
		callApi(app.url, method, pathname, { token: bearer ?? undefined, body });

	/** The timeline entry of a task, by its title. */
	const entry = (page: Page, title: string) =>
		page.locator('li.tl-item').filter({ has: page.getByRole('link', { name: title, exact: true }) });

	beforeAll(async () => {
		app = await startApp();
		databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		browser = await launchBrowser();
		blocked = await blockThirdParty(browser.context, app.url);
	});

	afterAll(async () => {
		await browser?.close();
		await outbox?.close();
		await app?.stop();
	});

	it('test_organiser_creates_an_event_and_finds_the_template_dated_from_its_first_day', async () => {
		const { page } = browser;
		await signInWithMagicLink(page, app, outbox, A);
		const tokenPromise = createTokenWithCli(A, databaseUrl);
		tokenPromise.catch(() => {});
		outsiderToken = createUserWithToken(B, databaseUrl);
		outsiderToken.catch(() => {});

		await page.goto(`${app.url}/organisateur/evenements/nouveau`);
		await page.locator('#title').fill(TITLE);
		await page.locator('#theme-0').fill('Inclusion numérique');
		await page.locator('#theme-1').fill('Communs numériques');
		await page.locator('#startsAt').fill('2027-06-10T09:00');
		await page.locator('#endsAt').fill('2027-06-11T17:00');
		await page.getByRole('radio', { name: fr.event.format.onsite, exact: true }).check();
		await page.locator('#venueName').fill('Espace Noriac');
		await page.locator('#commune').fill('Limoges');
		await page.locator('#org-0-name').fill('Ville de Limoges');
		await page.locator('#org-0-type').selectOption('collectivite');
		await page.locator('#org-0-role').selectOption('lead');
		await navigating(page, () => page.getByRole('button', { name: fr.form.create }).click());
		expect(new URL(page.url()).pathname).toBe(base);

		await navigating(page, () => page.getByRole('link', { name: fr.planning.nav.preparation, exact: true }).click());
		expect(new URL(page.url()).pathname).toBe(`${base}/preparation`);
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(fr.planning.overview.title);
		await check(page, 'préparation : vue d’ensemble');
		await screenshot(page, 'preparation/vue-ensemble');

		await navigating(page, () => page.getByRole('link', { name: fr.planning.nav.retroplanning, exact: true }).click());
		expect(new URL(page.url()).pathname).toBe(`${base}/retroplanning`);
		expect(await text(page.locator('main'))).toContain(fill(fr.planning.firstDay, { date: 'jeudi 10 juin 2027' }));
		expect(await page.locator('li.tl-item').count(), 'no template tasks: is seedPreparation called by createEvent?').toBeGreaterThanOrEqual(
			20
		);
		const venue = await text(entry(page, VENUE_TASK));
		expect(venue).toContain('J\u2212180');
		expect(venue).toContain('samedi 12 décembre 2026');
		expect(venue).toContain(fr.planning.milestone);
		const survey = await text(entry(page, SURVEY_TASK));
		expect(survey).toContain('J+7');
		expect(survey).toContain('jeudi 17 juin 2027');
		await check(page, 'rétroplanning : chronologie');
		await screenshot(page, 'preparation/retroplanning');

		token = await tokenPromise;
		const tasks = await api('GET', `/events/${SLUG}/tasks`, token);
		expect(tasks.status).toBe(200);
		expect(tasks.json.find((x: { title: string }) => x.title === VENUE_TASK)).toMatchObject({
			phase: 'framing',
			dueDate: '2026-12-12',
			offsetDays: -180,
			status: 'todo',
			owner: null
		});
	});

	it('test_moving_the_event_two_weeks_later_moves_the_tasks', async () => {
		const { page } = browser;
		await page.goto(`${app.url}${base}/modifier`);
		await page.locator('#startsAt').fill('2027-06-24T09:00');
		await page.locator('#endsAt').fill('2027-06-25T17:00');
		await navigating(page, () => page.getByRole('button', { name: fr.form.save, exact: true }).click());
		expect(await text(page.getByRole('status'))).toBe(fr.organiser.saved);

		await visit(page, `${base}/retroplanning`, 'rétroplanning après déplacement');
		expect(await text(page.locator('main'))).toContain(fill(fr.planning.firstDay, { date: 'jeudi 24 juin 2027' }));
		const venue = await text(entry(page, VENUE_TASK));
		expect(venue).toContain('J\u2212180');
		expect(venue).toContain('samedi 26 décembre 2026');
		expect(await text(entry(page, SURVEY_TASK))).toContain('jeudi 1 juillet 2027');
		const tasks = await api('GET', `/events/${SLUG}/tasks`, token);
		expect(tasks.json.find((x: { title: string }) => x.title === VENUE_TASK).dueDate).toBe('2026-12-26');
		expect(tasks.json.find((x: { title: string }) => x.title === SURVEY_TASK).dueDate).toBe('2027-07-01');
	});

	it('test_a_task_without_date_is_refused_in_french_then_added_and_marked_done_with_the_keyboard', async () => {
		const { page } = browser;
		await page.locator('#task-title').fill('Réserver les navettes');
		await page.locator('#task-phase').selectOption('production');
		await page.locator('#task-notes').fill('Gare ↔ Espace Noriac');
		await navigating(page, () => page.getByRole('button', { name: fr.planning.form.add, exact: true }).click());
		const offset = page.locator('#task-offset');
		expect(await offset.getAttribute('aria-invalid')).toBe('true');
		expect(await text(page.locator('#task-offset-error'))).toBe(fr.planning.errors.timingMissing);
		expect(await page.locator('#task-title').inputValue()).toBe('Réserver les navettes');
		expect(await page.locator('#task-notes').inputValue()).toBe('Gare ↔ Espace Noriac');
		expect(await page.locator('#task-phase').inputValue()).toBe('production');
		expect(await entry(page, 'Réserver les navettes').count()).toBe(0);
		await check(page, 'rétroplanning : tâche sans date refusée');

		await offset.fill('J-45');
		await navigating(page, () => page.getByRole('button', { name: fr.planning.form.add, exact: true }).click());
		expect(await text(page.getByRole('status'))).toBe(fill(fr.planning.added, { title: 'Réserver les navettes' }));
		const added = await text(entry(page, 'Réserver les navettes'));
		expect(added).toContain('J\u221245');
		expect(added).toContain('lundi 10 mai 2027');

		const button = page.getByRole('button', { name: `${fr.planning.markDone} : Réserver les navettes`, exact: true });
		expect(await tabTo(page, button, 300), 'the task’s button is not reachable with Tab').toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(await text(page.getByRole('status'))).toBe(
			fill(fr.planning.statusSaved, { title: 'Réserver les navettes', status: fr.planning.status.done })
		);
		expect(await text(entry(page, 'Réserver les navettes'))).toContain(fr.planning.status.done);

		// The private calendar address works without signing in.
		await navigating(page, () => page.getByRole('button', { name: fr.planning.feed.create, exact: true }).click());
		const feedUrl = await page.locator('#feed-url').inputValue();
		expect(feedUrl).toMatch(new RegExp(`^${app.url}/api/v1/events/${SLUG}/tasks\\.ics\\?token=`));
		const ics = await fetch(feedUrl);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		const calendar = (await ics.text()).replace(/\r\n[ \t]/g, '');
		expect(calendar).toContain(`SUMMARY:◆ J\u2212180 · ${VENUE_TASK}`);
		expect(calendar).toContain('DTSTART;VALUE=DATE:20261226');
		await check(page, 'rétroplanning : adresse d’agenda');

		for (const [vue, label] of [
			['responsables', 'rétroplanning : par responsable'],
			['en-retard', 'rétroplanning : en retard'],
			['semaine', 'rétroplanning : cette semaine']
		])
			await visit(page, `${base}/retroplanning?vue=${vue}`, label);
		await screenshot(page, 'preparation/retroplanning-semaine');
	});

	it('test_committee_meetings_time_and_logistics_pages_are_accessible', async () => {
		const { page } = browser;
		await visit(page, `${base}/comite`, 'comité');
		// The event's organising structure came with the template.
		expect(await text(page.locator('main table'))).toContain('Ville de Limoges');
		await page.locator('#cm-name').fill('Awa Diallo');
		await page.locator('#cm-structure').selectOption({ label: 'Ville de Limoges' });
		await page.getByRole('checkbox', { name: fr.committee.role.stage }).check();
		await navigating(page, () => page.getByRole('button', { name: fr.committee.add, exact: true }).click());
		expect(await text(page.getByRole('status'))).toBe(fill(fr.committee.added, { name: 'Awa Diallo' }));
		await check(page, 'comité avec une personne');
		await screenshot(page, 'preparation/comite');

		await visit(page, `${base}/comite/reunions`, 'réunions');
		await page.locator('#mt-title').fill('Comité de lancement');
		await page.locator('#mt-duration').fill('1,5');
		await page.getByRole('checkbox', { name: 'Awa Diallo' }).check();
		await page.locator('#mt-decisions').fill('Date : juin\nLieu : Espace Noriac');
		await navigating(page, () => page.getByRole('button', { name: fr.committee.meetings.add, exact: true }).click());
		expect(await text(page.locator('main article'))).toContain('Lieu : Espace Noriac');
		await check(page, 'réunions avec une réunion');
		await screenshot(page, 'preparation/reunions');

		await visit(page, `${base}/comite/temps`, 'temps passé');
		await page.locator('#tm-member').selectOption({ label: 'Awa Diallo' });
		await page.locator('#tm-phase').selectOption('framing');
		await page.locator('#tm-quantity').fill('2,5');
		await page.getByRole('radio', { name: fr.committee.timeTracking.unitDays }).check();
		await navigating(page, () => page.getByRole('button', { name: fr.committee.timeTracking.add, exact: true }).click());
		expect(await text(page.locator('main'))).toContain(fill(fr.committee.timeTracking.totalLine_other, { hours: '17,5', days: '2,5' }));
		await check(page, 'temps passé avec une ligne');
		await screenshot(page, 'preparation/temps');

		await visit(page, `${base}/logistique`, 'logistique');
		const main = await text(page.locator('main'));
		for (const item of ['Boucle à induction magnétique', 'Salle calme', 'Micros et sonorisation (micros main, cravate, pupitre)'])
			expect(main).toContain(item);
		expect(main).toContain(fr.logistics.catering.none);
		await screenshot(page, 'preparation/logistique');
	});

	it('test_a_balanced_budget_is_entered_and_its_cerfa_workbook_has_the_totals', async () => {
		const { page } = browser;
		await visit(page, `${base}/budget`, 'budget vide');
		async function addLine(account: string, label: string, planned: string, funder?: string) {
			await page.locator('#nl-account').selectOption(account);
			await page.locator('#nl-label').fill(label);
			if (funder) await page.locator('#nl-funder').selectOption(funder);
			await page.locator('#nl-planned').fill(planned);
			await navigating(page, () => page.getByRole('button', { name: fr.budget.add.submit, exact: true }).click());
		}
		await addLine('613', 'Location de la salle', '1 500,00');
		await addLine('625', 'Déplacements', '1000.50');
		// A third decimal is refused next to the field, with what was typed kept.
		await addLine('623', 'Impression du programme', '12,345');
		expect(await text(page.locator('#nl-planned-error'))).toBe(fr.budget.errors.amountDecimals);
		expect(await page.locator('#nl-planned').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#nl-planned').inputValue()).toBe('12,345');
		expect(await page.locator('#nl-label').inputValue()).toBe('Impression du programme');
		// The summary names the field and links to it.
		const summaryLinks = () => page.locator('.error-summary a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
		expect(await summaryLinks()).toEqual([[`${fr.budget.add.planned}\u00a0: ${fr.budget.errors.amountDecimals}`, '#nl-planned']]);
		await check(page, 'budget : montant refusé');
		await page.locator('#nl-planned').fill('300');
		await navigating(page, () => page.getByRole('button', { name: fr.budget.add.submit, exact: true }).click());
		expect(await page.locator('[data-check="balanced"]').getAttribute('class')).toContain('warn');

		await addLine('74', 'Subvention ANCT', '2 000,50', 'state');
		await addLine('own-funds', 'Ville de Limoges', '800');
		const balanced = page.locator('[data-check="balanced"]');
		expect(await balanced.getAttribute('class')).toContain('ok');
		expect(await text(balanced)).toBe(fill(fr.budget.checks.balanced, { amount: '2 800,50 €' }));

		// The table form: a bad actual amount of the venue is named in the summary, linked to its
		// input in the table; then the right one is saved.
		await page.locator('#l0-actual').fill('1,455');
		await navigating(page, () => page.getByRole('button', { name: fr.budget.table.save, exact: true }).click());
		expect(await summaryLinks()).toEqual([
			[`Location de la salle – ${fr.budget.table.actual}\u00a0: ${fr.budget.errors.amountDecimals}`, '#l0-actual']
		]);
		await page.locator('#l0-actual').fill('1 450');
		await navigating(page, () => page.getByRole('button', { name: fr.budget.table.save, exact: true }).click());
		expect(await text(page.getByRole('status'))).toBe(fr.budget.table.saved);
		expect(await text(page.locator('tr').filter({ has: page.locator('#l0-actual') }))).toContain('−50,00');
		await check(page, 'budget équilibré');
		await screenshot(page, 'preparation/budget');

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: fr.budget.exports.planned }).click()
		]);
		expect(download.suggestedFilename()).toBe(`budget-previsionnel-${SLUG}.xlsx`);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await readFile((await download.path())!)).buffer as ArrayBuffer);
		const ws = wb.getWorksheet('Budget prévisionnel')!;
		let totals: unknown[] | null = null;
		ws.eachRow((row) => {
			// Amounts are formulas with their cached results.
			const result = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'formula' in v ? v.result : v);
			if (row.getCell(1).value === 'TOTAL DES CHARGES')
				totals = [result(row.getCell(2).value), row.getCell(3).value, result(row.getCell(4).value)];
		});
		expect(totals).toEqual([2800.5, 'TOTAL DES PRODUITS', 2800.5]);

		const budget = await api('GET', `/events/${SLUG}/budget`, token);
		expect(budget.json).toMatchObject({
			balanced: true,
			inKindBalanced: true,
			totals: { chargesPlannedCents: 280_050, produitsPlannedCents: 280_050, chargesActualCents: 145_000 }
		});
	});

	it('test_people_outside_the_team_get_404', async () => {
		const outsider = await outsiderToken;
		for (const path of [`/events/${SLUG}/tasks`, `/events/${SLUG}/budget`, `/events/${SLUG}/budget.xlsx`, `/events/${SLUG}/tasks.ics`])
			expect((await api('GET', path, outsider)).status, path).toBe(404);
		expect((await api('PUT', `/events/${SLUG}/budget`, outsider, { lines: [] })).status).toBe(404);
		expect((await api('GET', `/events/${SLUG}/budget`, null)).status).toBe(404);
		const stillThere = await api('GET', `/events/${SLUG}/budget`, token);
		expect(stillThere.json.lines).toHaveLength(5);
	});

	it('test_api_refuses_bad_input_in_french_and_changes_nothing', async () => {
		const noDate = await api('POST', `/events/${SLUG}/tasks`, token, { title: 'Sans date', phase: 'framing' });
		expect(noDate.status).toBe(422);
		expect(noDate.json).toEqual({ errors: [{ field: 'offsetDays', message: fr.planning.errors.timingMissing }] });
		const added = await api('POST', `/events/${SLUG}/tasks`, token, {
			title: 'Bilan avec les financeurs',
			phase: 'follow-up',
			offsetDays: 60
		});
		expect(added.status).toBe(201);
		expect(added.json).toMatchObject({ dueDate: '2027-08-23', offsetDays: 60, status: 'todo', owner: null });

		const bad = await api('PUT', `/events/${SLUG}/budget`, token, {
			lines: [
				{ kind: 'charge', account: '606', label: 'Négatif', plannedCents: -1, actualCents: 0 },
				{ kind: 'charge', account: '606', label: 'Texte', plannedCents: 'douze', actualCents: 0 },
				{ kind: 'charge', account: '606', label: 'Décimales', plannedCents: 10.005, actualCents: 0 },
				{ kind: 'charge', account: '999', label: 'Inconnu', plannedCents: 100, actualCents: 0 }
			]
		});
		expect(bad.status).toBe(422);
		expect(bad.json.errors).toEqual([
			{ field: 'lines.0.plannedCents', message: fr.budget.errors.amountNegative },
			{ field: 'lines.1.plannedCents', message: fr.budget.errors.amountNotNumber },
			{ field: 'lines.2.plannedCents', message: fr.budget.errors.centsInteger },
			{ field: 'lines.3.account', message: fr.budget.errors.accountUnknown }
		]);
		expect((await api('GET', `/events/${SLUG}/budget`, token)).json.totals.chargesPlannedCents).toBe(280_050);

		const unbalanced = await api('PUT', `/events/${SLUG}/budget`, token, {
			lines: [
				{ kind: 'charge', account: '604', label: 'Animation', plannedCents: 100_000, actualCents: 0 },
				{ kind: 'produit', account: '74', label: 'Région', plannedCents: 60_000, actualCents: 0 }
			]
		});
		expect(unbalanced.status).toBe(200);
		expect(unbalanced.json).toMatchObject({
			balanced: false,
			inKindBalanced: true,
			totals: { chargesPlannedCents: 100_000, produitsPlannedCents: 60_000 }
		});
	});

	it('test_the_weekly_email_reaches_the_owner_and_its_link_opts_out_without_an_account', async () => {
		const db = outbox.handle.db;
		const alice = await db.selectFrom('user').select('id').where('email', '=', A).executeTakeFirstOrThrow();
		const tasks = await api('GET', `/events/${SLUG}/tasks`, token);
		const venue = tasks.json.find((x: { title: string }) => x.title === VENUE_TASK);
		const owned = await api('PATCH', `/events/${SLUG}/tasks/${venue.id}`, token, { owner: { type: 'member', id: alice.id } });
		expect(owned.json.owner).toMatchObject({ type: 'member', id: alice.id });
		// No scheduler in the app yet: the weekly run is called as the timer or the CLI would.
		const run = await sendWeeklyTaskDigests({ db, publicUrl: app.url }, new Date('2026-12-28T08:00:00Z'));
		expect(run).toMatchObject({ week: '2026-W53', sent: 1 });
		const mail = await db
			.selectFrom('mail_message')
			.select(['subject', 'text_body'])
			.where('kind', '=', 'task-digest')
			.where('to_address', '=', A)
			.executeTakeFirstOrThrow();
		expect(mail.subject).toBe(fill(fr.planning.digest.subject, { event: TITLE }));
		expect(mail.text_body).toContain(`${fr.planning.digest.lateSection}\n– samedi 26 décembre 2026 (J\u2212180) : ${VENUE_TASK}`);
		const link = new RegExp(`${app.url}/api/v1/events/${SLUG}/tasks/digest\\?token=\\S+`).exec(mail.text_body)![0];

		// Another browser, signed in nowhere.
		const stranger = await launchBrowser();
		try {
			await blockThirdParty(stranger.context, app.url);
			const { page } = stranger;
			await page.goto(link);
			expect(await text(page.locator('main p'))).toBe(fill(fr.planning.digest.optOutAsk, { event: TITLE, address: A }));
			await check(page, 'désabonnement : question');
			await navigating(page, () => page.getByRole('button', { name: fr.planning.digest.optOutConfirm }).click());
			expect(await text(page.getByRole('status'))).toBe(fill(fr.planning.digest.optOutDone, { event: TITLE, address: A }));
			await check(page, 'désabonnement : fait');
		} finally {
			await stranger.close();
		}
		expect(await sendWeeklyTaskDigests({ db, publicUrl: app.url }, new Date('2027-01-04T08:00:00Z'))).toMatchObject({
			sent: 0,
			optedOut: 1
		});
		const page = browser.page;
		await visit(page, `${base}/retroplanning`, 'rétroplanning après désabonnement');
		expect(await text(page.locator('main'))).toContain(fr.planning.digest.off);
	});

	it('test_every_page_passed_axe_and_no_request_left_the_app', () => {
		expect(axeChecked).toEqual(
			expect.arrayContaining([
				'préparation : vue d’ensemble',
				'rétroplanning : chronologie',
				'rétroplanning après déplacement',
				'rétroplanning : tâche sans date refusée',
				'rétroplanning : par responsable',
				'rétroplanning : adresse d’agenda',
				'comité avec une personne',
				'réunions avec une réunion',
				'temps passé avec une ligne',
				'logistique',
				'budget : montant refusé',
				'budget équilibré',
				'désabonnement : question',
				'désabonnement : fait'
			])
		);
		expect(blocked()).toEqual([]);
	});
});
