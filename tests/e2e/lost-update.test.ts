// No lost update in a real browser (SQLite): one organiser opens the same session's edit form in
// two tabs. The first tab saves; the second, loaded before, saves too and is refused (409) with
// the French message at the top, what was typed still in the form, and what the first tab saved
// shown beside it; saving again then keeps the second tab's text on purpose. The budget page,
// loaded before someone added a line, saves its table without deleting that line. A campaign draft
// saved from a page loaded before an API change is refused the same way, and so is a committee
// meeting saved from a second tab (its minutes kept, the first tab's decisions shown), and a team
// member's role changed from a page loaded before the API changed it. Double opt-in: with the
// event's setting on, a registration holds nothing until the e-mailed link is confirmed in the
// browser. Every page passes axe-core, and no request leaves the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import type { BrowserSession, RunningApp } from './harness.ts';
import { Outbox, callApi, navigating, pageChecks, text } from './support.ts';
import { openSignedInOrganiser } from './signed-in-organiser.ts';

const fr = MESSAGES.fr;
const ORGANISER = 'olga.concurrente@example.org';
const SLUG = 'nec-des-deux-onglets';

describe('no lost update in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let browser: BrowserSession;
	let blocked: () => string[];
	let token: string;
	let sessionId: string;
	const { check } = pageChecks(() => app.url);
	const api = (method: string, pathname: string, body?: unknown) => callApi(app.url, method, pathname, { token, body });

	beforeAll(async () => {
		({ app, outbox, token, browser, blocked } = await openSignedInOrganiser(ORGANISER, 'NEC des deux onglets'));
		const session = await api('POST', `/events/${SLUG}/sessions`, {
			title: 'Atelier des communs',
			format: 'workshop',
			startsAt: '2027-06-10T10:00:00+02:00',
			description: 'Version de départ'
		});
		expect(session.status, session.text).toBe(201);
		sessionId = session.json.id;
	});

	afterAll(async () => {
		await browser?.close();
		await outbox?.close();
		await app?.stop();
	});

	/** Replaces a field's text, as a person would. */
	const retype = async (page: Page, selector: string, value: string) => {
		await page.locator(selector).fill('');
		await page.locator(selector).pressSequentially(value);
	};
	const save = (page: Page) => navigating(page, () => page.getByRole('button', { name: fr.form.save, exact: true }).click());

	it('test_second_tab_saving_a_stale_session_form_sees_the_change_and_keeps_its_text', async () => {
		// Arrange: two tabs of the same session's form.
		const editor = `${app.url}/organisateur/e/${SLUG}/programme/sessions/${sessionId}`;
		const first = browser.page;
		const second = await browser.context.newPage();
		await first.goto(editor);
		await second.goto(editor);
		await check(second, 'session form (second tab)');

		// Act: the first tab saves a new title; the second, loaded before, saves its own text.
		await retype(first, '#title', 'Atelier des communs numériques');
		await save(first);
		expect(await text(first.getByRole('status'))).toBe(fr.programme.session.saved);
		await retype(second, '#title', 'Atelier des biens communs');
		await retype(second, '#description', 'Texte tapé dans le second onglet');
		await save(second);

		// Assert: refused, with the message on top, the typed text kept, the saved title beside it.
		const alert = second.getByRole('alert');
		expect(await text(alert)).toContain(fr.security.stale);
		expect(await second.locator('#title').inputValue()).toBe('Atelier des biens communs');
		expect(await second.locator('#description').inputValue()).toBe('Texte tapé dans le second onglet');
		expect(await text(second.locator('#title-saved'))).toContain('Atelier des communs numériques');
		const changed = second.getByRole('note').filter({ hasText: fr.security.changedTitle });
		expect(await text(changed)).toContain(`${fr.programme.session.title} : Atelier des communs numériques`);
		expect(await text(changed)).toContain('Version de départ');
		await check(second, 'stale session form');
		const stored = await api('GET', `/events/${SLUG}/sessions/${sessionId}`);
		expect(stored.json).toMatchObject({ title: 'Atelier des communs numériques', description: 'Version de départ' });

		// Saving again, having seen the change, keeps the second tab's text.
		await save(second);
		expect(new URL(second.url()).searchParams.get('ok')).toBe('saved');
		expect((await api('GET', `/events/${SLUG}/sessions/${sessionId}`)).json).toMatchObject({
			title: 'Atelier des biens communs',
			description: 'Texte tapé dans le second onglet'
		});
		await second.close();
		expect(blocked()).toEqual([]);
	});

	it('test_budget_page_loaded_before_a_line_was_added_keeps_that_line_when_saved', async () => {
		const line = { kind: 'charge', account: '606', label: 'Fournitures', plannedCents: 10_000, actualCents: 0 };
		expect((await api('PUT', `/events/${SLUG}/budget`, { lines: [line] })).status).toBe(200);
		const page = browser.page;
		await page.goto(`${app.url}/organisateur/e/${SLUG}/budget`);
		// Someone else adds a line from another tab while the page is open.
		const other = await browser.context.newPage();
		await other.goto(`${app.url}/organisateur/e/${SLUG}/budget`);
		await other.locator('#nl-account').selectOption('606');
		await other.locator('#nl-label').fill('Ajoutée entre-temps');
		await other.locator('#nl-planned').fill('100');
		await navigating(other, () => other.getByRole('button', { name: fr.budget.add.submit, exact: true }).click());
		expect(await text(other.getByRole('status').first())).toBe(fr.budget.add.added);
		await other.close();
		const planned = page.locator('input[name="lines.0.planned"]');
		await planned.fill('');
		await planned.pressSequentially('120');
		await navigating(page, () => page.getByRole('button', { name: fr.budget.table.save, exact: true }).click());
		expect(await text(page.getByRole('status').first())).toBe(fr.budget.table.saved);
		await check(page, 'budget saved');
		const lines = (await api('GET', `/events/${SLUG}/budget`)).json.lines as { label: string; plannedCents: number }[];
		expect(lines.map((l) => [l.label, l.plannedCents])).toEqual([
			['Fournitures', 12_000],
			['Ajoutée entre-temps', 10_000]
		]);
	});

	it('test_campaign_draft_saved_from_a_stale_tab_is_refused_and_keeps_the_typed_subject', async () => {
		const created = await api('POST', `/events/${SLUG}/campaigns`, {
			kind: 'free',
			name: 'Annonce',
			subject: 'Sujet de départ',
			body: 'Le programme est en ligne.',
			audience: { team: true },
			schedule: { anchor: 'manual' }
		});
		expect(created.status, created.text).toBe(201);
		const page = browser.page;
		await page.goto(`${app.url}/organisateur/e/${SLUG}/campagnes/${created.json.id}`);
		// Someone saves the draft through the API meanwhile.
		expect((await api('PATCH', `/events/${SLUG}/campaigns/${created.json.id}`, { subject: 'Sujet changé ailleurs' })).status).toBe(200);
		await retype(page, '#subject', 'Sujet tapé ici');
		await navigating(page, () => page.getByRole('button', { name: fr.campaigns.saveDraft, exact: true }).click());
		expect(await text(page.getByRole('alert').first())).toContain(fr.security.stale);
		expect(await page.locator('#subject').inputValue()).toBe('Sujet tapé ici');
		const changed = page.getByRole('note').filter({ hasText: fr.security.changedTitle });
		expect(await text(changed)).toContain('Sujet changé ailleurs');
		await check(page, 'stale campaign form');
		expect((await api('GET', `/events/${SLUG}/campaigns/${created.json.id}`)).json.subject).toBe('Sujet changé ailleurs');
	});

	it('test_second_tab_saving_a_stale_meeting_sees_the_decisions_and_keeps_its_minutes', async () => {
		const meeting = await api('POST', `/events/${SLUG}/meetings`, { heldOn: '2027-02-01', title: 'Comité de lancement' });
		expect(meeting.status, meeting.text).toBe(201);
		const editor = `${app.url}/organisateur/e/${SLUG}/comite/reunions/${meeting.json.id}`;
		const first = browser.page;
		const second = await browser.context.newPage();
		await first.goto(editor);
		await second.goto(editor);
		await retype(first, '#mt-decisions', 'Réserver la médiathèque');
		await save(first);
		expect(await text(first.getByRole('status'))).toBe(fr.committee.meetings.saved);
		await retype(second, '#mt-notes', 'Compte rendu tapé dans le second onglet');
		await save(second);
		expect(await text(second.getByRole('alert').first())).toContain(fr.security.stale);
		expect(await second.locator('#mt-notes').inputValue()).toBe('Compte rendu tapé dans le second onglet');
		expect(await text(second.locator('#mt-decisions-saved'))).toContain('Réserver la médiathèque');
		const changed = second.getByRole('note').filter({ hasText: fr.security.changedTitle });
		expect(await text(changed)).toContain(`${fr.committee.meetings.decisions} : Réserver la médiathèque`);
		await check(second, 'stale meeting form');
		expect((await api('GET', `/events/${SLUG}/meetings/${meeting.json.id}`)).json).toMatchObject({
			notes: '',
			decisions: ['Réserver la médiathèque']
		});
		await second.close();
	});

	it('test_team_role_changed_meanwhile_refuses_the_row_and_shows_the_saved_role', async () => {
		const invited = await api('POST', `/events/${SLUG}/team`, { email: 'rita.role@example.org', role: 'organiser' });
		expect(invited.status, invited.text).toBe(201);
		const id = invited.json.userId;
		const page = browser.page;
		await page.goto(`${app.url}/organisateur/e/${SLUG}/equipe`);
		expect((await api('PATCH', `/events/${SLUG}/team/${id}`, { role: 'owner' })).status).toBe(200);
		const row = page.locator('form', { has: page.locator(`#role-${id}`) });
		await page.locator(`#role-${id}`).selectOption('readonly');
		await navigating(page, () => row.getByRole('button').click());
		expect(await text(page.getByRole('alert').first())).toContain(fr.security.stale);
		expect(await page.locator(`#role-${id}`).inputValue()).toBe('readonly');
		expect(await text(page.getByRole('note').filter({ hasText: fr.security.changedTitle }))).toContain(fr.organiser.roles.owner);
		await check(page, 'stale team role');
		expect((await api('GET', `/events/${SLUG}/team/${id}`)).json.role).toBe('owner');
		// Seen: saving again is deliberate and passes.
		await navigating(page, () =>
			page
				.locator('form', { has: page.locator(`#role-${id}`) })
				.getByRole('button')
				.click()
		);
		expect(await text(page.getByRole('status'))).toBe(fr.team.roleChanged);
		expect((await api('GET', `/events/${SLUG}/team/${id}`)).json.role).toBe('readonly');
	});

	it('test_double_opt_in_registration_holds_nothing_until_the_mailed_link_is_confirmed', async () => {
		expect((await api('PATCH', `/events/${SLUG}`, { status: 'published' })).status).toBe(200);
		expect((await api('PATCH', `/events/${SLUG}/registration-settings`, { doubleOptIn: true, capacity: 10 })).status).toBe(200);
		const email = 'irene.optin@example.org';
		const held = await callApi(app.url, 'POST', `/events/${SLUG}/registrations`, {
			body: {
				firstName: 'Irène',
				lastName: 'Optin',
				email,
				structure: { name: 'Médiathèque', type: 'collectivite' },
				role: 'mediateur-numerique',
				inseeCode: '87085',
				consents: { terms: true, newsletter: false, photos: false }
			}
		});
		expect(held.status, held.text).toBe(202);
		expect((await api('GET', `/events/${SLUG}/registrations`)).json).toEqual([]);
		const mail = await outbox.handle.db
			.selectFrom('mail_message')
			.select('text_body')
			.where('to_address', '=', email)
			.where('kind', '=', 'registration-opt-in')
			.executeTakeFirstOrThrow();
		const link = /https?:\/\/\S+\/inscription\/confirmer\?token=mco_[A-Za-z0-9_-]+/.exec(mail.text_body ?? '')![0];
		const page = await browser.context.newPage();
		await page.goto(link);
		await check(page, 'double opt-in confirmation');
		await navigating(page, () => page.getByRole('button', { name: fr.registration.hold.button, exact: true }).click());
		expect(new URL(page.url()).searchParams.get('statut')).toBe('confirmed');
		const listed = (await api('GET', `/events/${SLUG}/registrations`)).json as { email: string; status: string }[];
		expect(listed.map((r) => [r.email, r.status])).toEqual([[email, 'confirmed']]);
		// The link is used up.
		await page.goto(link);
		expect(await text(page.getByRole('alert'))).toContain(fr.registration.hold.gone);
		await page.close();
	});
});
