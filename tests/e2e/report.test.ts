// The report in a real browser, on one app with SQLite. The event's data goes in through the
// API (event, session, participants added by the organisers, check-ins, committee, meeting, time
// spent: the endpoints a hub's tools would use); the organisers fill the review, type two quotes
// (no survey yet), and publish; an anonymous visitor opens /e/{slug}/bilan and downloads the PDF,
// whose text gives the number of people who came; no participant's name or address appears on
// the public page, its open data or the PDF. « Préparer l'édition suivante » makes a draft whose
// preparation page lists the « à améliorer » points. axe-core on every page, no outside request.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { eventInput } from '../factories/index.ts';
import { registrationInput } from '../factories/registrations.ts';
import { pdfText } from '../helpers/pdf.ts';
import { blockThirdParty, launchBrowser, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, callApi, createTokenWithCli, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink } from './support.ts';

const fr = MESSAGES.fr.reports;
const frParticipants = MESSAGES.fr.participants;
const A = 'dominique.bilan@example.org';

describe('report in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let browser: BrowserSession;
	let blocked: () => string[];
	let token: string;
	let slug: string;
	const people: { firstName: string; lastName: string; email: string }[] = [];
	const ids: string[] = [];
	const tokens: string[] = [];
	const { checked, visit } = pageChecks(() => app.url);
	const api = (method: string, pathname: string, body?: unknown, bearer: string | null = token) =>
		callApi(app.url, method, pathname, { token: bearer ?? undefined, body });

	beforeAll(async () => {
		app = await startApp();
		outbox = new Outbox(defaultDatabaseUrl(app));
		browser = await launchBrowser();
		blocked = await blockThirdParty(browser.context, app.url);
	});

	afterAll(async () => {
		await browser?.close();
		await outbox?.close();
		await app?.stop();
	});

	it('test_api_feeds_the_report_participants_checkins_committee_meetings_time', async () => {
		await signInWithMagicLink(browser.page, app, outbox, A);
		token = await createTokenWithCli(A, defaultDatabaseUrl(app));
		const created = await api('POST', '/events', eventInput({ title: 'NEC Bilan Corrèze' }));
		expect(created.status).toBe(201);
		slug = created.json.slug;
		expect((await api('PATCH', `/events/${slug}`, { status: 'published' })).status).toBe(200);
		const session = await api('POST', `/events/${slug}/sessions`, {
			title: 'Atelier médiation',
			format: 'workshop',
			startsAt: '2027-06-10T09:30:00+02:00',
			endsAt: '2027-06-10T11:00:00+02:00'
		});
		expect(session.status).toBe(201);
		for (let i = 0; i < 5; i++) {
			const input = registrationInput({ firstName: `Lou${i}`, lastName: `Bilanesque${i}` });
			people.push({ firstName: String(input.firstName), lastName: String(input.lastName), email: String(input.email) });
			const r = await api('POST', `/events/${slug}/participants`, input);
			expect(r.status, r.text).toBe(201);
			expect(r.json).toMatchObject({ status: 'confirmed', manageToken: expect.any(String) });
			ids.push(r.json.id);
			tokens.push(r.json.manageToken);
		}
		for (const id of ids.slice(0, 3))
			expect((await api('POST', `/events/${slug}/checkins`, { registrationId: id, halfDay: '2027-06-10:am' })).status).toBe(201);
		expect((await api('POST', `/events/${slug}/checkins`, { registrationId: ids[0], halfDay: '2027-06-10:am' })).status).toBe(200);
		expect((await api('POST', `/events/${slug}/checkins`, { registrationId: ids[0], halfDay: 'demain' })).status).toBe(422);
		expect((await api('DELETE', `/events/${slug}/checkins`, { registrationId: ids[2], halfDay: '2027-06-10:am' })).status).toBe(204);
		const member = await api('POST', `/events/${slug}/committee`, { kind: 'person', name: 'Sacha Comité' });
		expect(member.status).toBe(201);
		expect((await api('POST', `/events/${slug}/meetings`, { heldOn: '2026-12-01', title: 'Lancement' })).status).toBe(201);
		expect(
			(
				await api('POST', `/events/${slug}/time-entries`, {
					memberId: member.json.id,
					phase: 'framing',
					minutes: 120,
					spentOn: '2026-11-20'
				})
			).status
		).toBe(201);
		expect((await api('GET', `/events/${slug}/time-entries`)).json).toHaveLength(1);
		const report = await api('GET', `/events/${slug}/report`);
		expect(report.json.participation).toMatchObject({ registered: 5, attended: 2 });
		expect(report.json.preparation).toMatchObject({ meetings: 1, hours: 2, people: 1, startedOn: '2026-11-20' });
		expect(report.json.satisfaction).toBeNull();
		expect((await api('GET', `/events/${slug}/report`, undefined, null)).status).toBe(404);
		expect((await api('GET', `/events/${slug}/certificates/${ids[4]}.pdf`)).status).toBe(404);
		expect((await api('GET', `/events/${slug}/certificates/${ids[0]}.pdf`)).headers.get('content-type')).toBe('application/pdf');
	});

	it('test_participant_page_links_the_certificate_and_the_private_link_answers_a_pdf', async () => {
		const { page, context } = browser;
		const certificate = () => page.getByRole('link', { name: frParticipants.detail.certificate });
		await visit(page, `/organisateur/e/${slug}/inscriptions/${ids[0]}`, 'participant who came');
		const href = await certificate().getAttribute('href');
		expect(href).toBe(`/api/v1/events/${slug}/certificates/${ids[0]}.pdf`);
		const pdf = await context.request.get(`${app.url}${href}`);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect(pdfText(await pdf.body(), { layout: false })).toContain(`${people[0].firstName} ${people[0].lastName}`);
		await visit(page, `/organisateur/e/${slug}/inscriptions/${ids[4]}`, 'participant who did not come');
		expect(await certificate().count()).toBe(0);

		// The participant's own, from their private link: a PDF for who came, 404 for who did not.
		const own = await fetch(`${app.url}/inscription/${tokens[0]}/attestation.pdf`);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-type')).toBe('application/pdf');
		expect(pdfText(Buffer.from(await own.arrayBuffer()), { layout: false })).toContain(`${people[0].firstName} ${people[0].lastName}`);
		expect((await fetch(`${app.url}/inscription/${tokens[4]}/attestation.pdf`)).status).toBe(404);
	});

	it('test_organisers_fill_the_review_choose_two_quotes_and_publish', async () => {
		const { page } = browser;
		await visit(page, `/organisateur/e/${slug}/bilan`, 'report (organisers)');
		await page.locator('#rv-toImprove').fill('logistique : prévoir plus de chaises\ncommunication : annoncer plus tôt');
		await page.locator('#rv-toKeep').fill('contenu : les ateliers courts');
		await navigating(page, () => page.locator('form[action="?/review"] button[type=submit]').click());
		await expect.poll(() => page.locator('[role=status]').count()).toBeGreaterThan(0);
		await page.locator('#st-verbatims').fill('Une journée qui donne envie de continuer\nEnfin des ateliers concrets');
		await navigating(page, () => page.locator('form[action="?/settings"] button[type=submit]').click());
		await navigating(page, () => page.getByRole('button', { name: fr.edit.publish, exact: true }).click());
		await visit(page, `/organisateur/e/${slug}/bilan`, 'report (organisers, published)');
		expect(await page.locator('body').textContent()).toContain(fr.edit.published);
	});

	it('test_anonymous_visitor_reads_the_report_and_downloads_its_pdf', async () => {
		const { page, context } = browser;
		await context.clearCookies();
		await visit(page, `/e/${slug}/bilan`, 'public report');
		const html = await page.content();
		expect(html).toContain('Une journée qui donne envie de continuer');
		expect(html).toContain('prévoir plus de chaises');
		expect(html).toContain('application/ld+json');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: fr.public.pdf }).click()]);
		const pdf = await readFile((await download.path())!);
		const text = pdfText(pdf, { layout: false });
		expect(text).toContain(`${fr.participation.attended} : 2`);
		const json = await (await fetch(`${app.url}/e/${slug}/bilan/donnees.json`)).text();
		const csv = await (await fetch(`${app.url}/e/${slug}/bilan/donnees.csv`)).text();
		const publicJson = (await api('GET', `/events/${slug}/report`, undefined, null)).text;
		for (const p of people)
			for (const needle of [p.email, p.lastName])
				for (const [what, body] of [
					['html', html],
					['pdf', text],
					['json', json],
					['csv', csv],
					['api', publicJson]
				])
					expect(body, `${what} shows ${needle}`).not.toContain(needle);
	});

	it('test_next_edition_draft_lists_the_points_to_improve', async () => {
		const { page } = browser;
		await signInWithMagicLink(page, app, outbox, A);
		await visit(page, `/organisateur/e/${slug}/bilan`, 'report before next edition');
		await navigating(page, () => page.getByRole('button', { name: fr.edit.nextEdition }).click());
		expect(new URL(page.url()).pathname).toMatch(/^\/organisateur\/e\/[^/]+\/preparation$/);
		await visit(page, new URL(page.url()).pathname, 'preparation of the next edition');
		const body = (await page.locator('body').textContent()) ?? '';
		expect(body).toContain(fr.checklist.title);
		expect(body).toContain('logistique : prévoir plus de chaises');
		await navigating(page, () =>
			page.getByRole('button', { name: `${fr.checklist.toTask} : logistique : prévoir plus de chaises` }).click()
		);
		expect(await page.locator('body').textContent()).toContain(fr.checklist.done);
		expect(blocked()).toEqual([]);
		expect(checked.length).toBeGreaterThanOrEqual(5);
	});
});
