// Working groups in a real browser (SQLite): the organiser creates a group continuing a workshop
// (a bad date first: the French message next to the field, what was typed kept), Ana opts in to
// the directory from her private link, joins the group, adds a note whose text carries markup
// (shown as text), and downloads the next meeting; the workshop's public page points to the
// group; the organiser sees her in it, never her address, and names her coordinator; the API
// lists the group. The organiser invites Ben by e-mail; Ben accepts from the link, which then
// answers a French 404; Ana stops the weekly digest from her group's page; the digest's opt-out
// link with a wrong token is a French page too. axe-core on every page; no request leaves the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { blockThirdParty, launchBrowser, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, createUserWithToken, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink, text } from './support.ts';

const fr = MESSAGES.fr;
const groups = fr.groups;
const ORGANISER = 'orga.groupes@example.org';
const ANA = 'ana.groupes@example.org';
const BEN = 'ben.groupes@example.org';
const NADIA = 'nadia.groupes@example.org';
const NOTE = '<script>alert(1)</script> Compte rendu & suites';

describe('working groups in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let organiser: BrowserSession;
	let ana: BrowserSession;
	let blocked: (() => string[])[] = [];
	let slug: string;
	let workshopId: string;
	let anaLink: string;
	let groupPath: string;
	let apiToken: string;
	const { check, visit } = pageChecks(() => app.url);

	beforeAll(async () => {
		app = await startApp();
		const databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		apiToken = await createUserWithToken(ORGANISER, databaseUrl, ['--name', 'Orga Groupes']);
		const headers = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };
		const post = async (path: string, body: unknown, h: Record<string, string> = headers) => {
			const res = await fetch(`${app.url}/api/v1${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
			expect(res.status, await res.clone().text()).toBe(201);
			return res.json() as Promise<Record<string, string>>;
		};
		slug = (
			await post('/events', {
				title: 'NEC Creuse 2027',
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Salle des fêtes', address: '1 place du Marché', inseeCode: '23096' }
			})
		).slug;
		workshopId = (
			await post(`/events/${slug}/sessions`, {
				title: 'Atelier « Aidants numériques »',
				format: 'workshop',
				startsAt: '2027-06-10T10:00:00+02:00',
				endsAt: '2027-06-10T11:30:00+02:00'
			})
		).id;
		const published = await fetch(`${app.url}/api/v1/events/${slug}`, {
			method: 'PATCH',
			headers,
			body: JSON.stringify({ status: 'published' })
		});
		expect(published.status).toBe(200);
		const reg = await post(
			`/events/${slug}/registrations`,
			{
				firstName: 'Ana',
				lastName: 'Lopes',
				email: ANA,
				structure: { name: 'Médiathèque de Guéret', type: 'collectivite' },
				role: 'conseiller-numerique',
				inseeCode: '23096',
				consents: { terms: true }
			},
			{ 'content-type': 'application/json' }
		);
		anaLink = `${app.url}/inscription/${reg.manageToken}`;
		organiser = await launchBrowser();
		ana = await launchBrowser({ viewport: { width: 390, height: 844 } });
		blocked = [await blockThirdParty(organiser.context, app.url), await blockThirdParty(ana.context, app.url)];
	}, 300_000);

	afterAll(async () => {
		await organiser?.close();
		await ana?.close();
		await outbox?.close();
		await app?.stop();
	});

	it('test_organiser_creates_a_group_from_the_workshop', async () => {
		const { page } = organiser;
		await signInWithMagicLink(page, app, outbox, ORGANISER);
		await visit(page, `/organisateur/e/${slug}/programme/sessions/${workshopId}`, 'session côté équipe');
		await navigating(page, () => page.getByRole('link', { name: groups.fromSession }).click());
		expect(await page.locator('#sessionId').inputValue()).toBe(workshopId);
		await check(page, 'groupes de travail côté équipe (aucun)');

		await page.locator('#title').fill('Suite de l’atelier Aidants');
		await page.locator('#purpose').fill('Écrire un guide des aidants du département');
		await page.locator('#nextMeetingMinutes').fill('5');
		await navigating(page, () => page.getByRole('button', { name: groups.create }).click());
		expect(await text(page.locator('#nextMeetingMinutes-error'))).toBe(fr.errors.tooSmall.replace('{{min}}', '15'));
		expect(await page.locator('#title').inputValue()).toBe('Suite de l’atelier Aidants');
		await check(page, 'groupe refusé : durée trop courte');

		await page.locator('#nextMeetingAt').fill('2027-09-15T14:00');
		await page.locator('#nextMeetingMinutes').fill('90');
		await page.locator('#nextMeetingPlace').fill('Tiers-lieu de Guéret');
		await navigating(page, () => page.getByRole('button', { name: groups.create }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.created);
		groupPath = new URL(page.url()).pathname;
		expect(await text(page.locator('main'))).toContain('Atelier « Aidants numériques »');
		await check(page, 'groupe de travail côté équipe');
	});

	it('test_participant_joins_from_her_private_link_and_adds_a_note', async () => {
		const { page } = ana;
		await page.goto(`${anaLink}/reseau/groupes`);
		expect(await text(page.locator('main'))).toContain(groups.optInFirst);
		await check(page, 'groupes avant l’annuaire (390 px)');
		await page.goto(`${anaLink}/reseau`);
		await navigating(page, () => page.getByRole('button', { name: fr.people.optIn }).click());
		await navigating(page, () => page.getByRole('link', { name: fr.people.subnav.groups }).click());
		const card = page.locator('li.card', { hasText: 'Suite de l’atelier Aidants' });
		await check(page, 'groupes de travail (390 px)');
		await navigating(page, () => card.getByRole('button', { name: new RegExp(groups.join) }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.joined);
		expect(await text(page.locator('main'))).toContain('Ana Lopes');
		await check(page, 'groupe de travail, membre (390 px)');

		await page.locator('#title').fill(NOTE);
		await page.locator('#body').fill('Prochaine étape : le sommaire');
		await page.locator('#url').fill('javascript:alert(1)');
		await navigating(page, () => page.getByRole('button', { name: groups.notes.submit }).click());
		expect(await text(page.locator('#url-error'))).toBe(fr.errors.url);
		expect(await page.locator('#title').inputValue()).toBe(NOTE);
		await check(page, 'note refusée (390 px)');
		await page.locator('#url').fill('https://pad.example.org/guide');
		await navigating(page, () => page.getByRole('button', { name: groups.notes.submit }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.noted);
		// The markup is shown as typed, never run.
		expect(await text(page.locator('.card h3', { hasText: 'Compte rendu' }))).toBe(NOTE);
		expect(await page.locator('main script').count()).toBe(0);
		await check(page, 'groupe de travail avec une note (390 px)');

		const ics = await (await fetch(`${anaLink}/reseau${groupPath.slice(groupPath.indexOf('/groupes'))}/prochaine-reunion.ics`)).text();
		expect(ics).toContain('DTSTART:20270915T120000Z');
		expect(ics).toContain('LOCATION:Tiers-lieu de Guéret');
	});

	it('test_the_public_session_page_points_to_the_group_and_the_team_names_a_coordinator', async () => {
		const { page } = organiser;
		await visit(page, `/e/${slug}/programme/${workshopId}`, 'page publique de l’atelier');
		expect(await text(page.locator('main'))).toContain('Suite de l’atelier Aidants');
		expect(await text(page.locator('main'))).not.toContain('Ana Lopes');

		await page.goto(`${app.url}${groupPath}`);
		expect(await text(page.locator('main'))).toContain('Ana Lopes');
		expect(await text(page.locator('main'))).not.toContain(ANA);
		await navigating(page, () => page.getByRole('button', { name: new RegExp(groups.makeCoordinator) }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.coordinator);
		await check(page, 'groupe de travail avec une coordinatrice');

		const listed = await fetch(`${app.url}/api/v1/events/${slug}/working-groups`, { headers: { authorization: `Bearer ${apiToken}` } });
		expect(listed.status).toBe(200);
		const body = (await listed.json()) as { title: string; members: number; coordinators: number; notes: number }[];
		expect(body.map((g) => [g.title, g.members, g.coordinators, g.notes])).toEqual([['Suite de l’atelier Aidants', 1, 1, 1]]);
	});

	it('test_a_team_member_joins_as_herself_is_listed_to_members_and_leaves_in_one_click', async () => {
		const { page } = organiser;
		await page.goto(`${app.url}${groupPath}`);
		await navigating(page, () => page.getByRole('button', { name: groups.account.join }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.joined);
		expect(await text(page.locator('main'))).toContain(`Orga Groupes ${groups.you}`);
		await page.setViewportSize({ width: 360, height: 800 });
		await check(page, 'groupe de travail : membre de l’équipe en son nom (360 px)');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await ana.page.goto(`${anaLink}/reseau${groupPath.slice(groupPath.indexOf('/groupes'))}`);
		expect(await text(ana.page.locator('main'))).toContain('Orga Groupes');
		await navigating(page, () => page.getByRole('button', { name: groups.leave }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.left);
		await page.setViewportSize({ width: 1280, height: 800 });
		await ana.page.reload();
		expect(await text(ana.page.locator('main'))).not.toContain('Orga Groupes');
	});

	it('test_team_invites_a_registered_participant_who_accepts_once_then_the_link_is_a_404', async () => {
		const reg = await fetch(`${app.url}/api/v1/events/${slug}/registrations`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				firstName: 'Ben',
				lastName: 'Martin',
				email: BEN,
				structure: { name: 'Centre social', type: 'association' },
				role: 'conseiller-numerique',
				inseeCode: '23096',
				consents: { terms: true }
			})
		});
		expect(reg.status).toBe(201);
		const { page } = organiser;
		await page.goto(`${app.url}${groupPath}`);
		await page.locator('#email').fill('pas-une-adresse');
		await navigating(page, () => page.getByRole('button', { name: groups.invitation.submit }).click());
		expect(await text(page.locator('#email-error'))).toBe(fr.errors.email);
		await check(page, 'invitation refusée : adresse invalide');
		await page.locator('#email').fill(BEN.toUpperCase());
		await navigating(page, () => page.getByRole('button', { name: groups.invitation.submit }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.invited);

		const mail = await outbox.written(BEN, 'group-invitation');
		const link = /https?:\/\/\S+\/groupes\/invitation\?token=[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
		const guest = ana.page;
		await guest.goto(link);
		expect(await text(guest.locator('main'))).toContain(groups.invitation.directoryNotice);
		await check(guest, 'invitation à un groupe (390 px)');
		await navigating(guest, () => guest.getByRole('button', { name: groups.invitation.accept }).click());
		expect(await text(guest.getByRole('status').first())).toContain('Suite de l’atelier Aidants');
		await check(guest, 'invitation acceptée (390 px)');
		const used = await guest.goto(link);
		expect(used!.status()).toBe(404);
		expect(await text(guest.locator('main'))).toContain(fr.errors.notFound);
		expect((await fetch(`${app.url}/groupes/invitation?token=wgi_faux`)).status).toBe(404);

		await page.goto(`${app.url}${groupPath}`);
		expect(await text(page.locator('main'))).toContain('Ben Martin');
	});

	it('test_member_stops_the_weekly_digest_from_the_group_page_and_a_bad_opt_out_link_is_a_french_page', async () => {
		const { page } = ana;
		await page.goto(`${anaLink}/reseau${groupPath.slice(groupPath.indexOf('/groupes'))}`);
		expect(await text(page.locator('main'))).toContain(groups.digest.receives);
		await navigating(page, () => page.getByRole('button', { name: groups.digest.stop }).click());
		expect(await text(page.getByRole('status').first())).toContain(groups.done.digestOff);
		expect(await text(page.locator('main'))).toContain(groups.digest.stopped);
		await check(page, 'résumé hebdomadaire arrêté (390 px)');
		const bad = await page.goto(`${app.url}/api/v1/working-groups/digest?token=mun_faux`);
		expect(bad!.status()).toBe(404);
		expect(await text(page.locator('main'))).toContain(groups.digest.optOut.badLink);
		await check(page, 'lien de désabonnement du résumé invalide');

		const listed = await fetch(`${app.url}/api/v1/working-groups?event=${slug}`, { headers: { authorization: `Bearer ${apiToken}` } });
		expect(((await listed.json()) as { event: { slug: string } }[]).map((g) => g.event.slug)).toEqual([slug]);
	});

	it('test_an_invited_address_outside_the_event_signs_in_and_works_in_the_group_through_its_account', async () => {
		const { page } = organiser;
		await page.goto(`${app.url}${groupPath}`);
		await page.locator('#email').fill(NADIA);
		await navigating(page, () => page.getByRole('button', { name: groups.invitation.submit }).click());
		const link = /https?:\/\/\S+\/groupes\/invitation\?token=[A-Za-z0-9_-]+/.exec(
			(await outbox.written(NADIA, 'group-invitation')).text_body
		)![0];

		// Not registered for the event, signed out: register, or sign in.
		const nadia = await launchBrowser();
		blocked.push(await blockThirdParty(nadia.context, app.url));
		try {
			const guest = nadia.page;
			await guest.setViewportSize({ width: 390, height: 844 });
			await guest.goto(link);
			expect(await text(guest.locator('main'))).toContain(groups.invitation.notRegisteredNotice);
			await check(guest, 'invitation hors inscription (390 px)');
			await navigating(guest, () => guest.getByRole('link', { name: groups.invitation.signInToJoin }).click());
			await guest.locator('#email').fill(NADIA);
			await navigating(guest, () => guest.getByRole('button', { name: fr.signIn.submit }).click());
			await guest.goto(await outbox.nextMagicLink(NADIA));
			expect(new URL(guest.url()).pathname).toBe('/groupes/invitation');
			expect(await text(guest.locator('main'))).toContain(groups.invitation.accountNotice);
			await check(guest, 'invitation avec son compte (390 px)');
			await navigating(guest, () => guest.getByRole('button', { name: groups.invitation.acceptAsAccount }).click());
			expect(new URL(guest.url()).pathname).toMatch(/^\/reseau\/groupes\//);
			expect(await text(guest.getByRole('status').first())).toBe(groups.done.joined);
			expect(await text(guest.locator('main'))).toContain('Ben Martin');
			await check(guest, 'groupe de son compte (390 px)');
			await guest.locator('#title').fill('Fiche « aidants » à relire');
			await navigating(guest, () => guest.getByRole('button', { name: groups.notes.submit }).click());
			expect(await text(guest.locator('main'))).toContain('Fiche « aidants » à relire');
			expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			await visit(guest, '/reseau/groupes', 'mes groupes de travail');
			expect(await text(guest.locator('main'))).toContain('Suite de l’atelier Aidants');
			await navigating(guest, () => guest.getByRole('link', { name: new RegExp(`^${groups.open}`) }).click());
			await navigating(guest, () => guest.getByRole('button', { name: groups.leave }).click());
			expect(await text(guest.locator('main'))).toContain(groups.accountNone);
			await check(guest, 'groupe quitté, mes groupes vides');
			// The team sees the note stay, under her name.
			await page.goto(`${app.url}${groupPath}`);
			expect(await text(page.locator('main'))).toContain('Fiche « aidants » à relire');
		} finally {
			await nadia.close();
		}
		for (const b of blocked) expect(b()).toEqual([]);
	});
});
