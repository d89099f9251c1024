// The event's network in a real browser (SQLite): Ana opts in to the participant directory when
// she registers; Ben, registered without it, sees nobody until he opts in from his private link,
// then finds Ana and proposes a meeting during the lunch break; Ana accepts from her private
// link and both personal pages show it. Ana agrees to appear on her structure's public page, and
// does. Then Ana withdraws: her name is on no page of the network nor of the directory any more
// (her structure's page included), and in no API answer (needs and offers, meetings, groups,
// directory), as Ben or as the team. axe-core on every page, at 1280 and 390 px; no request leaves the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { newRoom, newSession } from '../factories/registrations.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, createUserWithToken, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink, text } from './support.ts';

const fr = MESSAGES.fr;
const people = fr.people;
const ORGANISER = 'orga.reseau@example.org';
const ANA = 'ana.reseau@example.org';

describe('the event network in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let db: DbHandle;
	let ana: BrowserSession;
	let ben: BrowserSession;
	let blocked: (() => string[])[] = [];
	let slug: string;
	let anaLink: string;
	let benLink: string;
	let organiserToken: string;
	const { check } = pageChecks(() => app.url);

	beforeAll(async () => {
		app = await startApp();
		const databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		db = createDb(databaseUrl);
		const token = await createUserWithToken(ORGANISER, databaseUrl, ['--name', 'Orga Réseau']);
		organiserToken = token;
		const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		const created = await fetch(`${app.url}/api/v1/events`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				title: 'NEC Corrèze 2027',
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Espace des Trois Provinces', address: '1 avenue de Paris', inseeCode: '19031' },
				organisers: [{ name: 'Médiathèque de Brive', type: 'collectivite', role: 'lead' }]
			})
		});
		const event = (await created.json()) as { id: string; slug: string };
		slug = event.slug;
		const hall = await newRoom(db.db, event.id, { name: 'Grand hall' });
		await newSession(db.db, event.id, {
			title: 'Déjeuner',
			format: 'break',
			requiresRegistration: false,
			roomId: hall,
			startsAt: '2027-06-10T10:30:00Z',
			endsAt: '2027-06-10T11:00:00Z'
		});
		expect(
			(await fetch(`${app.url}/api/v1/events/${slug}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'published' }) })).status
		).toBe(200);
		const benReg = await fetch(`${app.url}/api/v1/events/${slug}/registrations`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				firstName: 'Ben',
				lastName: 'Martin',
				email: 'ben.reseau@example.org',
				structure: { name: 'Tiers-lieu de Tulle', type: 'tiers-lieu' },
				role: 'mediateur-numerique',
				inseeCode: '19272',
				consents: { terms: true }
			})
		});
		expect(benReg.status).toBe(201);
		benLink = `${app.url}/inscription/${((await benReg.json()) as { manageToken: string }).manageToken}`;
		ana = await launchBrowser();
		ben = await launchBrowser({ viewport: { width: 390, height: 844 } });
		blocked = [await blockThirdParty(ana.context, app.url), await blockThirdParty(ben.context, app.url)];
	}, 300_000);

	afterAll(async () => {
		await ana?.close();
		await ben?.close();
		await outbox?.close();
		await db?.db.destroy();
		await app?.stop();
	});

	it('test_participant_opts_in_when_registering', async () => {
		const { page } = ana;
		await page.goto(`${app.url}/e/${slug}/inscription`);
		await page.locator('#firstName').fill('Ana');
		await page.locator('#lastName').fill('Lopes');
		await page.locator('#email').fill(ANA);
		await page.locator('#structureName').fill('Médiathèque de Brive');
		await page.locator('#structureType').selectOption('collectivite');
		await page.locator('#role').selectOption('conseiller-numerique');
		await page.locator('#departement').selectOption('19');
		await page.locator('#commune').fill('Brive-la-Gaillarde');
		await page.locator('#networkOptIn').check();
		await page.locator('#consentTerms').check();
		await check(page, 'formulaire d’inscription avec l’annuaire');
		await navigating(page, () => page.getByRole('button', { name: fr.registration.page.submit }).click());
		expect(new URL(page.url()).pathname).toBe(`/e/${slug}/inscription/merci`);
		const mail = await outbox.written(ANA, 'registration-confirmed');
		anaLink = /https?:\/\/\S+\/inscription\/mrg_[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
		const profiles = await db.db.selectFrom('network_profile').select(['display_name', 'departement']).execute();
		expect(profiles).toEqual([{ display_name: 'Ana Lopes', departement: '19' }]);
	});

	it('test_another_finds_her_after_opting_in_and_proposes_a_lunch_meeting', async () => {
		const { page } = ben;
		await page.goto(`${benLink}/reseau`);
		expect(await text(page.locator('main'))).toContain(people.notIn);
		expect(await text(page.locator('main'))).not.toContain('Ana Lopes');
		await check(page, 'réseau avant l’inscription à l’annuaire (390 px)');
		await page.locator('#offers').fill('Une salle équipée le mardi');
		await page.getByRole('checkbox', { name: 'Communs' }).check();
		await navigating(page, () => page.getByRole('button', { name: people.optIn }).click());
		expect(await text(page.getByRole('status').first())).toContain(people.done.saved);

		await page.locator('#f-departement').selectOption('19');
		await navigating(page, () => page.getByRole('button', { name: people.apply }).click());
		const anaCard = page.locator('li.card', { hasText: 'Ana Lopes' });
		expect(await text(anaCard)).toContain('Médiathèque de Brive');
		expect(await text(page.locator('main'))).not.toContain(ANA);
		await check(page, 'annuaire des participant·es (390 px)');
		await screenshot(page, 'network/annuaire-390');

		await navigating(page, () => anaCard.getByRole('link', { name: new RegExp(people.meetings.propose) }).click());
		await check(page, 'proposer une rencontre (390 px)');
		await page.getByRole('radio').first().check();
		await page.locator('#message').fill('Parlons de nos ateliers');
		await navigating(page, () => page.getByRole('button', { name: people.meetings.send }).click());
		expect(await text(page.getByRole('status').first())).toContain(people.meetings.done.requested);
		expect((await outbox.written(ANA, 'network-meeting-request')).text_body).toContain('Parlons de nos ateliers');
	});

	it('test_she_accepts_from_her_private_link_and_both_personal_pages_show_it', async () => {
		const { page } = ana;
		await page.goto(`${anaLink}/reseau/rencontres`);
		await check(page, 'mes rencontres');
		await screenshot(page, 'network/rencontres-1280');
		await navigating(page, () => page.getByRole('button', { name: people.meetings.accept, exact: true }).click());
		expect(await text(page.getByRole('status').first())).toContain(people.meetings.done.accepted);
		for (const [browser, link, other] of [
			[ana, anaLink, 'Ben Martin'],
			[ben, benLink, 'Ana Lopes']
		] as const) {
			await browser.page.goto(link);
			expect(await text(browser.page.locator('main'))).toContain(people.meetings.with.replace('{{name}}', other));
			await check(browser.page, `page privée avec la rencontre (${other})`);
		}
		const ics = await (await fetch(`${anaLink}/reseau/rencontres.ics`)).text();
		expect(ics).toContain('DTSTART:20270610T103000Z');
		expect((await outbox.written('ben.reseau@example.org', 'network-meeting-accepted')).attachments).toContain('rencontre.ics');
	});

	it('test_after_withdrawing_her_name_is_on_no_network_page', async () => {
		const { page } = ana;
		const bearer = (link: string) => ({ authorization: `Bearer ${link.split('/inscription/')[1]}` });
		const need = await fetch(`${app.url}/api/v1/needs-offers`, {
			method: 'POST',
			headers: { ...bearer(anaLink), 'content-type': 'application/json' },
			body: JSON.stringify({ kind: 'need', category: 'skills', title: 'Un·e formateur·rice en cybersécurité' })
		});
		expect(need.status).toBe(201);
		const benBoard = await (await fetch(`${app.url}/api/v1/needs-offers`, { headers: bearer(benLink) })).text();
		expect(benBoard).toContain('Ana Lopes');
		// She agrees to appear on her structure's public page (name and role only), then checks it.
		const structures = (await (await fetch(`${app.url}/api/v1/directory/structures?q=brive`)).json()) as { items: { id: string }[] };
		const structurePage = `/annuaire/structures/${structures.items[0].id}`;
		await page.goto(`${app.url}${structurePage}`);
		expect(await text(page.locator('main'))).not.toContain('Ana Lopes');
		await page.goto(`${anaLink}/reseau`);
		await page.locator('#publicOnStructure').check();
		await navigating(page, () => page.getByRole('button', { name: people.save }).click());
		await page.goto(`${app.url}${structurePage}`);
		expect(await text(page.locator('main'))).toContain('Ana Lopes');
		expect(await text(page.locator('main'))).not.toContain('Ben Martin');
		await check(page, 'page publique de sa structure, avec son nom');
		const shown = await (await fetch(`${app.url}/api/v1/directory/structures/${structures.items[0].id}`)).json();
		expect(shown.people).toEqual([{ name: 'Ana Lopes', role: 'conseiller-numerique' }]);
		await page.goto(`${anaLink}/reseau`);
		await page.locator('#confirm').check();
		await navigating(page, () => page.getByRole('button', { name: people.withdraw }).click());
		expect(await text(page.getByRole('status').first())).toContain(people.done.withdrawn);
		for (const path of ['/reseau', '/reseau/besoins', '/reseau/rencontres', '/reseau/groupes', '']) {
			await ben.page.goto(`${benLink}${path}`);
			expect(await text(ben.page.locator('body')), path).not.toContain('Ana Lopes');
		}
		for (const path of [`/e/${slug}`, `/e/${slug}/programme`, '/annuaire', '/annuaire/structures', structurePage]) {
			await ben.page.goto(`${app.url}${path}`);
			expect(await text(ben.page.locator('body')), path).not.toContain('Ana Lopes');
		}
		// Every API answer of the network and the directory, as Ben (private link) and as the team.
		const team = { authorization: `Bearer ${organiserToken}` };
		for (const [path, headers] of [
			['/needs-offers', bearer(benLink)],
			[`/needs-offers?event=${slug}`, team],
			[`/events/${slug}/meetings-between-participants`, bearer(benLink)],
			[`/events/${slug}/meetings-between-participants`, team],
			[`/events/${slug}/working-groups`, team],
			['/directory/structures', {}],
			[`/directory/structures/${structures.items[0].id}`, {}],
			['/directory/places', {}],
			['/directory/places.json', {}],
			[`/events/${slug}/programme.json`, {}]
		] as const) {
			const answer = await fetch(`${app.url}/api/v1${path}`, { headers });
			expect(answer.status, path).toBe(200);
			const body = await answer.text();
			expect(body, path).not.toContain('Ana Lopes');
			expect(body, path).not.toContain(ANA);
		}
		expect(await (await fetch(`${app.url}/api/v1/needs-offers`, { headers: bearer(anaLink) })).status).toBe(403);
		await signInWithMagicLink(page, app, outbox, ORGANISER);
		await page.goto(`${app.url}/organisateur/e/${slug}/reseau`);
		await check(page, 'réseau côté équipe');
		expect(await text(page.locator('main'))).not.toContain('Ana Lopes');
		expect(await text(page.locator('main'))).toContain('Ben Martin');
		for (const path of ['/reseau/besoins', '/reseau/groupes']) {
			await page.goto(`${app.url}/organisateur/e/${slug}${path}`);
			expect(await text(page.locator('main')), path).not.toContain('Ana Lopes');
		}
		for (const b of blocked) expect(b()).toEqual([]);
	});
});
