// The programme in a real browser, on one app with SQLite. An organiser builds a two-day
// programme with the keyboard alone (rooms, sessions), sees a `room-overlap` and a
// `no-breathing-time` warning and fixes both; a speaker answers their invitation through the
// private link; a visitor filters the public programme by format, marks three sessions, and
// downloads the calendar file of their choices. Every page visited passes axe-core, and no
// request leaves the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import sharp from 'sharp';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, tabTo, type BrowserSession, type RunningApp } from './harness.ts';
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
const P = fr.programme;
const ORGANISER = 'odile.organisatrice@example.org';
const SPEAKER_EMAIL = 'awa.diallo@example.org';
const TITLE = 'NEC des Monts du Limousin';
const SLUG = 'nec-des-monts-du-limousin';

/** Tabs to a control and activates it with Enter, waiting for the page it leads to. */
async function press(page: Page, target: Parameters<typeof tabTo>[1], what: string): Promise<void> {
	expect(await tabTo(page, target, 150), `${what} is not reachable with Tab`).toBe(true);
	await navigating(page, () => page.keyboard.press('Enter'));
}

/** Tabs to a field and types into it (replacing what is there). */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
	expect(await tabTo(page, page.locator(selector), 150), `${selector} is not reachable with Tab`).toBe(true);
	await page.keyboard.press('Control+A');
	await page.keyboard.type(value);
}

/** Tabs to a <select> and picks the option whose label starts with `label`, with the arrow keys. */
async function choose(page: Page, selector: string, label: string): Promise<void> {
	const select = page.locator(selector);
	expect(await tabTo(page, select, 150), `${selector} is not reachable with Tab`).toBe(true);
	const labels = (await select.locator('option').allTextContents()).map((l) => l.trim());
	const target = labels.findIndex((l) => l.startsWith(label));
	expect(target, `no option "${label}" in ${selector}: ${labels.join(' | ')}`).toBeGreaterThanOrEqual(0);
	const current = await select.evaluate((el: HTMLSelectElement) => el.selectedIndex);
	const key = target > current ? 'ArrowDown' : 'ArrowUp';
	for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
	expect((await select.locator('option:checked').textContent())?.trim()).toBe(labels[target]);
}

/** Types a time the French way ("9h30"). */
async function typeTime(page: Page, selector: string, hhmm: string): Promise<void> {
	await typeInto(page, selector, hhmm.replace(/^0/, '').replace(':', 'h'));
}

describe('programme in the browser (SQLite)', () => {
	let app: RunningApp;
	let databaseUrl: string;
	let outbox: Outbox;
	let organiser: BrowserSession;
	let visitor: BrowserSession;
	let blockedForOrganiser: () => string[];
	let blockedForVisitor: () => string[];
	let token: string;
	const { checked: axeChecked, check } = pageChecks(() => app.url);

	const api = (method: string, pathname: string, body?: unknown) => callApi(app.url, method, pathname, { token, body });

	/** The kinds of the warnings listed at the top of the editor. */
	const warningKinds = (page: Page) =>
		page.locator('.conflicts [data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));

	beforeAll(async () => {
		app = await startApp();
		databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		token = await createUserWithToken(ORGANISER, databaseUrl);
		const created = await api('POST', '/events', {
			title: TITLE,
			themes: ['Inclusion numérique', 'Communs numériques'],
			startsAt: '2027-06-10T09:00',
			endsAt: '2027-06-11T17:00',
			format: 'onsite',
			venue: { name: 'Tiers-lieu La Filature', inseeCode: '87085' }
		});
		expect(created.status, JSON.stringify(created.json)).toBe(201);
		for (const s of [
			{ name: 'Awa Diallo', organisation: 'Médiathèque de Limoges', roleTitle: 'Médiatrice numérique', email: SPEAKER_EMAIL },
			{ name: 'Paul Martin', organisation: 'Hub Nouvelle-Aquitaine', status: 'confirmed' }
		])
			expect((await api('POST', `/events/${SLUG}/speakers`, s)).status).toBe(201);
		organiser = await launchBrowser();
		visitor = await launchBrowser();
		blockedForOrganiser = await blockThirdParty(organiser.context, app.url);
		blockedForVisitor = await blockThirdParty(visitor.context, app.url);
		await signInWithMagicLink(organiser.page, app, outbox, ORGANISER);
	});

	afterAll(async () => {
		await organiser?.close();
		await visitor?.close();
		await outbox?.close();
		await app?.stop();
	});

	it('test_organiser_adds_rooms_with_the_keyboard', async () => {
		const { page } = organiser;
		await page.goto(`${app.url}/organisateur/e/${SLUG}`);
		await press(page, P.nav, 'the Programme link');
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/programme`);
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(P.editor.title);
		await check(page, 'programme vide');
		await press(page, P.rooms.title, 'the rooms link');
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/programme/espaces`);
		await check(page, 'espaces vides');

		// Bad input first: no name, a capacity in words. French messages, nothing added.
		await typeInto(page, '#new-capacity', 'cent');
		await press(page, P.rooms.addSubmit, 'the add-room button');
		expect(await text(page.locator('#new-name-error'))).toBe(fr.errors.required);
		expect(await text(page.locator('#new-capacity-error'))).toBe(P.errors.number);
		expect(await page.locator('#new-capacity').inputValue()).toBe('cent');
		expect(await page.locator('.rooms > li').count()).toBe(0);
		await check(page, 'espaces avec erreurs');

		for (const [name, capacity] of [
			['Grande scène', '120'],
			['Espace 1', '30']
		]) {
			await typeInto(page, '#new-name', name);
			await typeInto(page, '#new-capacity', capacity);
			await press(page, P.rooms.addSubmit, 'the add-room button');
			expect(await text(page.getByRole('status'))).toBe(fill(P.rooms.created, { name }));
		}
		expect(await page.locator('.rooms > li h2').allTextContents()).toEqual(['Grande scène', 'Espace 1']);
		await check(page, 'espaces');
		await screenshot(page, 'programme/espaces');
	});

	/** One session through the form, keyboard only, from the editor; lands back on the grid. */
	async function addSession(
		page: Page,
		s: { title: string; format: string; day: string; from: string; to: string; room?: string; speaker?: string }
	) {
		await press(page, P.editor.addSession, 'the add-session link');
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/programme/sessions/nouvelle`);
		await typeInto(page, '#title', s.title);
		await choose(page, '#format', s.format);
		await choose(page, '#day', s.day);
		await typeTime(page, '#startTime', s.from);
		await typeTime(page, '#endTime', s.to);
		if (s.room) await choose(page, '#roomId', s.room);
		if (s.speaker) await choose(page, '#speaker-0', s.speaker);
		await press(page, P.session.create, 'the create button');
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/programme`);
		expect(await text(page.locator('#panneau h2'))).toBe(s.title);
	}

	it('test_organiser_builds_a_two_day_programme_with_the_keyboard_and_sees_the_warnings', async () => {
		const { page } = organiser;
		await press(page, P.editor.back, 'the back link');

		// A bad session first: it ends before it starts. Message next to the field, values kept.
		await press(page, P.editor.addSession, 'the add-session link');
		await check(page, 'nouvelle session');
		await typeInto(page, '#title', 'Atelier <script>alert("x")</script>');
		await typeTime(page, '#startTime', '11:00');
		await typeTime(page, '#endTime', '10:00');
		await press(page, P.session.create, 'the create button');
		expect(new URL(page.url()).pathname).toBe(`/organisateur/e/${SLUG}/programme/sessions/nouvelle`);
		expect(await text(page.locator('#endTime-error'))).toBe(P.errors.endBeforeStart);
		expect(await page.locator('#endTime').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#title').inputValue()).toBe('Atelier <script>alert("x")</script>');
		expect(await page.locator('#startTime').inputValue()).toBe('11h00');
		await check(page, 'nouvelle session avec erreurs');
		await screenshot(page, 'programme/session-erreurs');
		await press(page, P.editor.back, 'the back link');

		const day1 = 'jeudi 10 juin 2027';
		const day2 = 'vendredi 11 juin 2027';
		await addSession(page, {
			title: 'Ouverture',
			format: P.format.plenary,
			day: day1,
			from: '09:00',
			to: '10:00',
			room: 'Grande scène',
			speaker: 'Paul Martin'
		});
		await addSession(page, {
			title: 'Atelier : communs numériques',
			format: P.format.workshop,
			day: day1,
			from: '10:00',
			to: '11:30',
			room: 'Espace 1',
			speaker: 'Awa Diallo'
		});
		await addSession(page, {
			title: 'Démonstration d’outils libres',
			format: P.format.demo,
			day: day1,
			from: '09:30',
			to: '10:00',
			room: 'Grande scène'
		});
		await addSession(page, { title: 'Déjeuner', format: P.format.social, day: day1, from: '12:00', to: '13:30' });
		await addSession(page, {
			title: 'Table ronde : les élus et le numérique',
			format: P.format['round-table'],
			day: day2,
			from: '09:30',
			to: '10:30',
			room: 'Grande scène'
		});
		await addSession(page, { title: 'Pause', format: P.format.break, day: day2, from: '10:30', to: '11:00' });

		// Back on the grid: both days, and the two warnings the layout deserves.
		expect(await page.locator('.day h3').allTextContents()).toEqual([day1, day2]);
		expect(await page.locator('.schedule-grid .slot').count()).toBe(6);
		expect(await warningKinds(page)).toEqual(['room-overlap', 'no-breathing-time']);
		const conflicts = await text(page.locator('.conflicts'));
		expect(conflicts).toContain('« Ouverture » et « Démonstration d’outils libres » ont lieu en même temps dans l’espace « Grande scène »');
		expect(conflicts).toContain(
			'qui enchaîne « Ouverture » ou « Démonstration d’outils libres » puis « Atelier : communs numériques » n’a que 0 min pour souffler'
		);
		// Shown where they apply: on the cards of the sessions concerned.
		const demo = page.locator('.slot', { hasText: 'Démonstration d’outils libres' });
		expect(await text(demo.locator('.warn-count'))).toContain(fill(P.editor.warningsCount_other, { count: 2 }));
		await check(page, 'grille avec avertissements');
		await screenshot(page, 'programme/grille-avertissements');

		const api409 = await api('GET', `/events/${SLUG}/conflicts`);
		expect(api409.status).toBe(200);
		expect((api409.json as { kind: string }[]).map((c) => c.kind)).toEqual(['room-overlap', 'no-breathing-time']);
	});

	it('test_organiser_fixes_both_warnings_with_the_keyboard', async () => {
		const { page } = organiser;
		// Room overlap: select the demonstration on the grid, send it to the next room.
		await press(
			page,
			(f) => f.evaluate((el) => el.matches('.slot') && (el.textContent ?? '').includes('Démonstration')),
			'the demonstration card'
		);
		expect(await text(page.locator('#panneau h2'))).toBe('Démonstration d’outils libres');
		await check(page, 'session sélectionnée');
		await press(page, P.editor.nudge['room-next'], 'the next-room button');
		expect(await text(page.getByRole('status'))).toBe(P.editor.moved);
		expect(await warningKinds(page)).toEqual(['no-breathing-time']);

		// No breathing time: the workshop starts 15 minutes later.
		await press(
			page,
			(f) => f.evaluate((el) => el.matches('.slot') && (el.textContent ?? '').includes('Atelier : communs')),
			'the workshop card'
		);
		await press(page, fill(P.editor.nudge.later, { n: 15 }), 'the later button');
		expect(await text(page.locator('#panneau p').first())).toContain('de 10 h 15 à 11 h 45');
		expect(await warningKinds(page)).toEqual([]);
		expect(await text(page.locator('.conflicts'))).toContain(P.editor.noWarnings);
		await check(page, 'grille sans avertissement');
		await screenshot(page, 'programme/grille-corrigee');
		expect((await api('GET', `/events/${SLUG}/conflicts`)).json).toEqual([]);
	});

	it('test_with_javascript_sessions_move_by_drag_and_drop_and_alt_arrows', async () => {
		const { page } = organiser;
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(`${app.url}/organisateur/e/${SLUG}/programme`);
		// The grid's script has taken over (the page hydrates; the forms still work without it).
		const hydrated = () => page.locator('.schedule-grid.enhanced').last().waitFor();
		await hydrated();
		const card = () => page.locator('.slot', { hasText: 'Table ronde' });
		await card().scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollBy(0, -150));
		const box = (await card().boundingBox())!;
		const hour = box.height; // the round table lasts one hour
		// Drag it one hour later: release, and the server moves it.
		await page.mouse.move(box.x + box.width / 2, box.y + 10);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2, box.y + 10 + hour / 2, { steps: 5 });
		await navigating(page, async () => {
			await page.mouse.move(box.x + box.width / 2, box.y + 10 + hour, { steps: 5 });
			await page.mouse.up();
		});
		await card().locator('.time', { hasText: '10 h 30 – 11 h 30' }).waitFor({ timeout: 10_000 });
		// Drag its bottom edge 30 minutes down: it ends later.
		await hydrated();
		await card().scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollBy(0, -150));
		const moved = (await card().boundingBox())!;
		await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height - 2);
		await page.mouse.down();
		await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height + hour / 4, { steps: 4 });
		await navigating(page, async () => {
			await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height + hour / 2 - 2, { steps: 4 });
			await page.mouse.up();
		});
		await card().locator('.time', { hasText: '10 h 30 – 12 h 00' }).waitFor({ timeout: 10_000 });
		// Keyboard shortcut on the focused session: Alt+↑ moves it 15 minutes earlier, focus stays on it.
		await hydrated();
		await card().focus();
		await navigating(page, () => page.keyboard.press('Alt+ArrowUp'));
		await card().locator('.time', { hasText: '10 h 15 – 11 h 45' }).waitFor({ timeout: 10_000 });
		await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Table ronde');
		await check(page, 'grille après glisser-déposer');
		expect(errors).toEqual([]);
		// Back where the visitor's tests expect it.
		const sessions = (await api('GET', `/events/${SLUG}/sessions`)).json as { id: string; title: string }[];
		const roundTable = sessions.find((x) => x.title.startsWith('Table ronde'))!;
		expect(
			(await api('PATCH', `/events/${SLUG}/sessions/${roundTable.id}`, { startsAt: '2027-06-11T09:30', endsAt: '2027-06-11T10:30' })).status
		).toBe(200);
	});

	it('test_organiser_adds_resources_and_publishes_a_synthesis', async () => {
		const { page } = organiser;
		await page.goto(`${app.url}/organisateur/e/${SLUG}/programme`);
		// The grid page runs its script: links may be followed without reloading; wait for what they show.
		await page.locator('.slot', { hasText: 'Atelier : communs' }).click();
		await page.locator('#panneau h2', { hasText: 'Atelier : communs' }).waitFor();
		await page.getByRole('link', { name: P.editor.editSession }).click();
		await page.waitForURL(/\/programme\/sessions\/[0-9a-f-]{36}$/);
		await page.waitForLoadState('load');
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Atelier : communs numériques');
		await check(page, 'modifier une session');
		// A link that is not a web address: refused in French, next to the field.
		await page.locator('#link-title').fill('Diaporama');
		await page.locator('#link-url').fill('javascript:alert(1)');
		await navigating(page, () => page.getByRole('button', { name: P.resources.addLinkSubmit }).click());
		expect(await text(page.locator('#link-url-error'))).toBe(fr.errors.url);
		expect(await page.locator('#link-title').inputValue()).toBe('Diaporama');
		await page.locator('#link-url').fill('https://diapos.example.org/communs');
		await navigating(page, () => page.getByRole('button', { name: P.resources.addLinkSubmit }).click());
		expect(await text(page.getByRole('status'))).toBe(fill(P.resources.added, { title: 'Diaporama' }));
		await page.locator('#file-title').fill('Fiche pratique');
		await page.locator('#file').setInputFiles({ name: 'fiche.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
		await navigating(page, () => page.getByRole('button', { name: P.resources.addFileSubmit }).click());
		expect(await text(page.getByRole('status'))).toBe(fill(P.resources.added, { title: 'Fiche pratique' }));
		await page.locator('#synthesis').fill('Prérequis : du temps.\n\nActions : un groupe de travail jusqu’à la prochaine édition.');
		await page.getByRole('checkbox', { name: P.session.synthesisPublished }).check();
		await navigating(page, () => page.getByRole('button', { name: fr.form.save, exact: true }).click());
		expect(await text(page.getByRole('status'))).toBe(P.session.saved);
		expect(await page.getByRole('checkbox', { name: P.session.synthesisPublished }).isChecked()).toBe(true);
		await check(page, 'session avec ressources');
		await screenshot(page, 'programme/session-equipe');
	});

	it('test_organiser_invites_a_speaker_who_answers_through_the_private_link', async () => {
		const { page } = organiser;
		await page.goto(`${app.url}/organisateur/e/${SLUG}/programme/intervenants`);
		await check(page, 'intervenant·es (équipe)');
		await navigating(page, () => page.getByRole('link', { name: 'Awa Diallo' }).click());
		await check(page, 'fiche intervenante (équipe)');
		await navigating(page, () => page.getByRole('button', { name: P.speakers.invite }).click());
		expect(await text(page.getByRole('status'))).toBe(fill(P.speakers.invited, { email: SPEAKER_EMAIL }));
		const mail = await outbox.handle.db
			.selectFrom('mail_message')
			.select(['subject', 'text_body'])
			.where('to_address', '=', SPEAKER_EMAIL)
			.where('kind', '=', 'speaker-invitation')
			.executeTakeFirstOrThrow();
		expect(mail.subject).toBe(`Invitation à intervenir : « ${TITLE} »`);
		const link = /https?:\/\/\S+\/intervenant\/[A-Za-z0-9_-]+/.exec(mail.text_body)?.[0];
		expect(link, mail.text_body).toBeDefined();

		// The speaker, in their own browser, without an account.
		const speakerPage = visitor.page;
		await speakerPage.goto(link!);
		expect(await text(speakerPage.getByRole('heading', { level: 1 }))).toBe(fill(P.invitation.title, { title: TITLE }));
		expect(await text(speakerPage.locator('main'))).toContain('Atelier : communs numériques');
		await check(speakerPage, 'invitation (intervenante)');
		// A file that is not an image: a French message next to the field, nothing changed.
		await speakerPage.getByRole('radio', { name: P.invitation.confirm }).check();
		await speakerPage.locator('#bio').fill('Médiatrice depuis dix ans, <b>animatrice</b> du réseau local.');
		await speakerPage
			.locator('#portrait')
			.setInputFiles({ name: 'cv.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Ceci est un CV, pas une photo.') });
		await navigating(speakerPage, () => speakerPage.getByRole('button', { name: P.invitation.submit }).click());
		expect(await text(speakerPage.locator('#portrait-error'))).toBe(P.errors.notAnImage);
		expect(await speakerPage.locator('#bio').inputValue()).toBe('Médiatrice depuis dix ans, <b>animatrice</b> du réseau local.');
		await check(speakerPage, 'invitation avec erreur');
		const before = (await api('GET', `/events/${SLUG}/speakers`)).json as { name: string; status: string; bio: string }[];
		expect(before.find((s) => s.name === 'Awa Diallo')).toMatchObject({ status: 'invited', bio: '' });

		const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 30, g: 110, b: 90 } } })
			.png()
			.toBuffer();
		await speakerPage.locator('#portrait').setInputFiles({ name: 'awa.png', mimeType: 'image/png', buffer: photo });
		await speakerPage.locator('#portraitAlt').fill('Awa Diallo devant la médiathèque');
		await navigating(speakerPage, () => speakerPage.getByRole('button', { name: P.invitation.submit }).click());
		expect(await text(speakerPage.getByRole('status'))).toBe(P.invitation.thanksConfirmed);
		await check(speakerPage, 'invitation confirmée');
		await screenshot(speakerPage, 'programme/invitation-confirmee');
		const after = (await api('GET', `/events/${SLUG}/speakers`)).json as { name: string; status: string; portraitUrl: string | null }[];
		const awa = after.find((s) => s.name === 'Awa Diallo')!;
		expect(awa.status).toBe('confirmed');
		// The event is still a draft: its files are for its team only.
		expect((await fetch(awa.portraitUrl!)).status).toBe(404);
		const portrait = await organiser.context.request.get(awa.portraitUrl!);
		expect(portrait.headers()['content-type']).toBe('image/webp');
		expect(portrait.headers()['cache-control']).toBe('private, max-age=3600');
		const meta = await sharp(await portrait.body()).metadata();
		expect([meta.width, meta.height]).toEqual([320, 320]);
		// The team is told.
		const told = await outbox.handle.db.selectFrom('mail_message').select('subject').where('kind', '=', 'speaker-answer').execute();
		expect(told.map((m) => m.subject)).toEqual([`« ${TITLE} » : Awa Diallo a confirmé son intervention`]);
	});

	it('test_a_50_mb_portrait_is_refused_in_french_and_changes_nothing', async () => {
		const { page } = organiser;
		const speakers = (await api('GET', `/events/${SLUG}/speakers`)).json as { id: string; name: string; portraitUrl: string | null }[];
		const paul = speakers.find((s) => s.name === 'Paul Martin')!;
		await page.goto(`${app.url}/organisateur/e/${SLUG}/programme/intervenants/${paul.id}`);
		const file = path.join(app.dataDir, 'enorme.jpg');
		await writeFile(file, Buffer.alloc(50 * 1024 * 1024, 0xff));
		await page.locator('#speaker-name').fill('Paul Martin (modifié)');
		await page.locator('#speaker-portrait').setInputFiles(file);
		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await navigating(page, () => page.getByRole('button', { name: fr.form.save }).click());
		expect((await response).status()).toBe(400);
		expect(await text(page.locator('#speaker-portrait-error'))).toBe(fill(P.errors.bodyTooBig, { max: 25 }));
		await check(page, 'fiche intervenant : fichier trop lourd');
		const again = ((await api('GET', `/events/${SLUG}/speakers`)).json as typeof speakers).find((s) => s.id === paul.id)!;
		expect(again).toMatchObject({ name: 'Paul Martin', portraitUrl: null });
	});

	it('test_visitor_filters_by_format_marks_three_sessions_and_downloads_the_calendar', async () => {
		expect((await api('PATCH', `/events/${SLUG}`, { status: 'published' })).status).toBe(200);
		const { page } = visitor;
		await page.goto(`${app.url}/e/${SLUG}`);
		await navigating(page, () => page.getByRole('link', { name: fill(fr.publicEvent.seeProgramme_other, { count: 6 }) }).click());
		expect(new URL(page.url()).pathname).toBe(`/e/${SLUG}/programme`);
		expect(await page.locator('li.session').count()).toBe(6);
		await check(page, 'programme public');
		await screenshot(page, 'programme/programme-public');

		await page.locator('#f-format').selectOption('workshop');
		await navigating(page, () => page.getByRole('button', { name: P.public.filter, exact: true }).click());
		expect(new URL(page.url()).searchParams.get('format')).toBe('workshop');
		expect((await page.locator('li.session h4').allTextContents()).map((x) => x.trim())).toEqual(['Atelier : communs numériques']);
		expect(await text(page.getByRole('status'))).toContain(fill(P.public.shown, { shown: 1, total: 6 }));
		await check(page, 'programme filtré par format');
		await navigating(page, () => page.getByRole('link', { name: P.public.resetFilters }).click());
		expect(await page.locator('li.session').count()).toBe(6);

		const picks = ['Ouverture', 'Atelier : communs numériques', 'Table ronde : les élus et le numérique'];
		for (const title of picks) await page.getByRole('checkbox', { name: `${P.public.pick} : ${title}` }).check();
		expect(await text(page.locator('#choix-nombre'))).toBe('3');
		await navigating(page, () => page.getByRole('button', { name: P.public.seePersonal }).first().click());
		expect(new URL(page.url()).pathname).toBe(`/e/${SLUG}/programme/personnel`);
		expect((await page.locator('.mine h3').allTextContents()).map((x) => x.trim())).toEqual(picks);
		await check(page, 'programme personnel');
		await screenshot(page, 'programme/programme-personnel');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: P.personal.ics }).click()]);
		expect(download.suggestedFilename()).toBe(`mon-programme-${SLUG}.ics`);
		const ics = await readFile((await download.path())!, 'utf8');
		const calendar = new ICAL.Component(ICAL.parse(ics));
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.summary).sort()).toEqual([...picks].sort());
		const starts = Object.fromEntries(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString()]));
		expect(starts).toEqual({
			Ouverture: '2027-06-10T07:00:00.000Z',
			'Atelier : communs numériques': '2027-06-10T08:15:00.000Z',
			'Table ronde : les élus et le numérique': '2027-06-11T07:30:00.000Z'
		});
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(fill(P.personal.calendarName, { title: TITLE }));

		// The choices are remembered in this browser: back on the programme, they are ticked again.
		await page.goto(`${app.url}/e/${SLUG}/programme`);
		expect(await page.locator('input[name="s"]:checked').count()).toBe(3);
		// Without JavaScript they live in the URL: the same page with ?s=… ticks them too.
		const noScript = await fetch(`${app.url}/e/${SLUG}/programme?${new URL(download.url()).search.slice(1)}`);
		expect((await noScript.text()).match(/name="s" value="[^"]+" checked/g)).toHaveLength(3);
	});

	it('test_visitor_reads_a_session_and_a_speaker_with_their_portrait', async () => {
		const { page } = visitor;
		await page.goto(`${app.url}/e/${SLUG}/programme`);
		await navigating(page, () => page.getByRole('link', { name: 'Atelier : communs numériques' }).click());
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Atelier : communs numériques');
		const img = page.getByRole('img', { name: 'Awa Diallo devant la médiathèque' });
		// The portrait loads lazily: bring it into view and wait for it rather than reading it mid-load.
		await img.scrollIntoViewIfNeeded();
		const width = await img.evaluate(
			(el: HTMLImageElement) =>
				new Promise<number>((resolve) => {
					if (el.complete) return resolve(el.naturalWidth);
					el.addEventListener('load', () => resolve(el.naturalWidth), { once: true });
					el.addEventListener('error', () => resolve(0), { once: true });
				})
		);
		expect(width).toBe(320);
		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld).toMatchObject({ '@type': 'Event', name: 'Atelier : communs numériques', superEvent: { name: TITLE } });
		expect(await page.getByRole('link', { name: 'Diaporama' }).getAttribute('href')).toBe('https://diapos.example.org/communs');
		const pdf = await fetch(`${app.url}${await page.getByRole('link', { name: 'Fiche pratique' }).getAttribute('href')}`);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(await text(page.locator('#synthese-titre + p'))).toBe('Prérequis : du temps.');
		await check(page, 'page d’une session');
		await screenshot(page, 'programme/session');
		await navigating(page, () => page.getByRole('link', { name: 'Awa Diallo' }).first().click());
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Awa Diallo');
		// Text typed by people is shown as text, never as markup.
		expect(await text(page.locator('.bio'))).toBe('Médiatrice depuis dix ans, <b>animatrice</b> du réseau local.');
		expect(await page.locator('.bio b').count()).toBe(0);
		await check(page, 'page d’une intervenante');
		await navigating(page, () => page.getByRole('link', { name: P.public.backToSpeakers }).click());
		await check(page, 'intervenant·es (public)');
		await screenshot(page, 'programme/intervenants');
		const portrait = await fetch(`${app.url}${await page.getByRole('img').first().getAttribute('src')}`);
		expect(portrait.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
	});

	it('test_programme_prints_as_an_a4_booklet_and_stays_one_light_request', async () => {
		const { page } = visitor;
		const requested: string[] = [];
		const onRequest = (r: { url(): string }) => requested.push(r.url());
		page.on('request', onRequest);
		try {
			await page.goto(`${app.url}/e/${SLUG}/programme`);
		} finally {
			page.off('request', onRequest);
		}
		expect(requested.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([`${app.url}/e/${SLUG}/programme`]);
		const html = await (await fetch(`${app.url}/e/${SLUG}/programme`)).text();
		expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
		expect(html).not.toMatch(/<link[^>]+rel=["']?modulepreload/i);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.filters').isVisible()).toBe(false);
		expect(await page.locator('.pick').first().isVisible()).toBe(false);
		expect(await page.locator('.speakers-index').isVisible()).toBe(true);
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		await page.emulateMedia({ media: 'screen' });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
		// One page per day, then the speakers' index: at least three A4 pages.
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
		expect(pages.length).toBeGreaterThanOrEqual(3);
		const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
		expect([Math.round(Number(box![1])), Math.round(Number(box![2]))]).toEqual([595, 842]);
	});

	it('test_every_page_passed_axe_and_no_request_left_the_app', () => {
		expect(axeChecked).toEqual(
			expect.arrayContaining([
				'espaces',
				'nouvelle session avec erreurs',
				'grille avec avertissements',
				'grille sans avertissement',
				'grille après glisser-déposer',
				'modifier une session',
				'invitation (intervenante)',
				'programme public',
				'programme filtré par format',
				'programme personnel',
				'page d’une session',
				'page d’une intervenante'
			])
		);
		expect(blockedForOrganiser()).toEqual([]);
		expect(blockedForVisitor()).toEqual([]);
	});
});
