// The public directory of places in a real browser (SQLite): a moderator imports the schema's CSV
// through the API (invalid rows refused in French, the rest imported), the export validates
// against the schema file, and a visitor filters the directory by service and département with
// the keyboard only, then opens a place. axe-core on every page; no request leaves the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { blockThirdParty, launchBrowser, startApp, tabTo, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, callApi, createUserWithToken, defaultDatabaseUrl, navigating, pageChecks, signInWithMagicLink, text } from './support.ts';
import { placeRow, placesCsv } from '../factories/directory.ts';
import { loadTableSchema, validateTableSchema } from '../helpers/table-schema.ts';

const fr = MESSAGES.fr.directory;
const LOISIRS = 'Loisirs et créations numériques';

describe('public directory in the browser (SQLite)', () => {
	let app: RunningApp;
	let visitor: BrowserSession;
	let moderatorBrowser: BrowserSession;
	let outbox: Outbox;
	let blocked: () => string[];
	let blockedForModerator: () => string[];
	let moderator: string;
	let someone: string;
	const { checked, check, visit } = pageChecks(() => app.url);

	beforeAll(async () => {
		app = await startApp();
		const databaseUrl = defaultDatabaseUrl(app);
		[moderator, someone] = await Promise.all([
			createUserWithToken('moderation@example.org', databaseUrl, ['--admin']),
			createUserWithToken('quelquun@example.org', databaseUrl)
		]);
		outbox = new Outbox(databaseUrl);
		visitor = await launchBrowser();
		blocked = await blockThirdParty(visitor.context, app.url);
		moderatorBrowser = await launchBrowser();
		blockedForModerator = await blockThirdParty(moderatorBrowser.context, app.url);
	}, 300_000);

	afterAll(async () => {
		await visitor?.close();
		await moderatorBrowser?.close();
		await outbox?.close();
		await app?.stop();
	});

	const csv = placesCsv([
		placeRow({
			id: 'brive-1',
			nom: 'Espace numérique de Brive',
			commune: 'Brive-la-Gaillarde',
			code_postal: '19100',
			code_insee: '19031',
			latitude: '45.16',
			longitude: '1.53',
			services: LOISIRS
		}),
		placeRow({
			id: 'brive-2',
			nom: 'Médiathèque de Brive',
			commune: 'Brive-la-Gaillarde',
			code_postal: '19100',
			code_insee: '19031',
			latitude: '45.15',
			longitude: '1.52',
			services: 'Aide aux démarches administratives'
		}),
		placeRow({ id: 'limoges-1', nom: 'Fablab <script>alert(1)</script> de Limoges', services: LOISIRS }),
		placeRow({ id: 'faux', pivot: '42', horaires: 'lundi matin' })
	]);

	it('test_only_moderators_import_and_invalid_rows_are_refused_in_french', async () => {
		const headers = { 'content-type': 'text/csv' };
		expect((await callApi(app.url, 'POST', '/directory/places/import', { body: csv, headers })).status).toBe(401);
		expect((await callApi(app.url, 'POST', '/directory/places/import', { body: csv, headers, token: someone })).status).toBe(403);
		expect(
			(
				await callApi(app.url, 'POST', '/directory/places/import', {
					body: '<a/>',
					headers: { 'content-type': 'application/xml' },
					token: moderator
				})
			).status
		).toBe(400);
		// The schema's JSON form is an array of places: anything else is refused whole.
		expect((await callApi(app.url, 'POST', '/directory/places/import', { body: '{}', token: moderator })).status).toBe(422);
		const answer = await callApi(app.url, 'POST', '/directory/places/import', { body: csv, headers, token: moderator });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ imported: 3, updated: 0, unchanged: 0 });
		expect(answer.json.refused).toHaveLength(1);
		expect(answer.json.refused[0].row).toBe(5);
		expect(answer.json.refused[0].errors.map((e: { field: string }) => e.field)).toEqual(['pivot', 'horaires']);
		expect(answer.json.refused[0].errors[0].message).toContain('n’est ni un SIRET');
		const again = await callApi(app.url, 'POST', '/directory/places/import', { body: csv, headers, token: moderator });
		expect(again.json).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
	});

	it('test_api_filters_and_csv_export_validates_against_the_schema', async () => {
		const found = await callApi(app.url, 'GET', `/directory/places?service=${encodeURIComponent(LOISIRS)}&departement=19`);
		expect(found.status).toBe(200);
		expect(found.json.total).toBe(1);
		expect(found.json.items[0]).toMatchObject({
			id: 'brive-1',
			pivot: '21870085600016',
			commune: 'Brive-la-Gaillarde',
			code_postal: '19100',
			code_insee: '19031',
			services: [LOISIRS]
		});
		expect((await callApi(app.url, 'GET', '/directory/places?departement=xx')).status).toBe(422);
		const exported = await callApi(app.url, 'GET', '/directory/places.csv');
		expect(exported.headers.get('content-type')).toContain('text/csv');
		for (const version of ['1.0.1', '1.0.2'] as const) expect(validateTableSchema(exported.text, loadTableSchema(version))).toEqual([]);
		const openapi = await callApi(app.url, 'GET', '/openapi.json');
		expect(Object.keys(openapi.json.paths)).toContain('/directory/places/import');
	});

	it('test_visitor_filters_by_service_and_departement_with_the_keyboard', async () => {
		const { page } = visitor;
		await visit(page, '/annuaire', 'annuaire');
		expect(await text(page.getByRole('heading', { level: 1 }))).toBe(fr.title);
		expect(await page.locator('svg.directory-map path').count()).toBeGreaterThan(90);
		expect(await page.content()).not.toContain('<script>alert(1)</script>');

		expect(await tabTo(page, page.locator('#service')), 'the service filter is not reachable with Tab').toBe(true);
		await page.keyboard.type('Loisirs');
		expect(await page.locator('#service').inputValue()).toBe(LOISIRS);
		expect(await tabTo(page, page.locator('#departement')), 'the département filter is not reachable with Tab').toBe(true);
		await page.keyboard.type('19');
		expect(await page.locator('#departement').inputValue()).toBe('19');
		expect(await tabTo(page, fr.apply)).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		const url = new URL(page.url());
		expect(url.searchParams.get('service')).toBe(LOISIRS);
		expect(url.searchParams.get('departement')).toBe('19');
		await check(page, 'annuaire filtré');
		expect(await text(page.locator('#resultats'))).toBe('1 lieu');
		expect(await page.locator('.cards h3').allTextContents()).toEqual(['Espace numérique de Brive']);

		expect(await tabTo(page, 'Espace numérique de Brive')).toBe(true);
		await navigating(page, () => page.keyboard.press('Enter'));
		expect(new URL(page.url()).pathname).toBe('/annuaire/lieux/brive-1');
		await check(page, 'fiche du lieu');
		expect(await text(page.locator('main'))).toContain('Tu-Sa 10:00-18:00');
		await visit(page, '/annuaire/lieux/inconnu', 'lieu inconnu', 404);
		await page.setViewportSize({ width: 360, height: 740 });
		await visit(page, '/annuaire', 'annuaire à 360 px');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	});

	it('test_moderator_imports_a_file_from_the_form_and_reads_the_refusals', async () => {
		const { page } = moderatorBrowser;
		await visit(page, '/admin/annuaire', 'import sans connexion', 200);
		expect(new URL(page.url()).pathname).toBe('/connexion');
		await signInWithMagicLink(page, app, outbox, 'moderation@example.org');
		await visit(page, '/admin/annuaire', 'import de l’annuaire');
		const file = placesCsv([
			placeRow({ id: 'gueret-1', nom: 'Tiers-lieu de Guéret', commune: 'Guéret', code_postal: '23000', code_insee: '23096' }),
			placeRow({ id: 'faux-2', code_postal: '999' })
		]);
		await page.locator('#file').setInputFiles({ name: 'lieux.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
		await navigating(page, () => page.getByRole('button', { name: fr.importSubmit }).click());
		expect(await text(page.getByRole('status'))).toContain('1 lieux ajoutés, 0 mis à jour, 0 inchangés, 1 lignes refusées.');
		expect(await text(page.locator('table'))).toContain('code_postal : « 999 » n’est pas un code postal à 5 chiffres');
		await check(page, 'import de l’annuaire, résultat');
	});

	it('test_structures_are_listed_publicly_and_a_moderator_merges_two_spellings', async () => {
		for (const [title, name] of [
			['NEC Corrèze', 'Association Les Petits Débrouillards'],
			['NEC Corrèze 2', 'Les petits débrouillards']
		]) {
			const created = await callApi(app.url, 'POST', '/events', {
				token: moderator,
				body: {
					title,
					themes: ['Inclusion numérique', 'Communs'],
					startsAt: '2027-09-16T09:00:00+02:00',
					endsAt: '2027-09-16T17:00:00+02:00',
					format: 'onsite',
					venue: { name: 'Médiathèque', inseeCode: '19031' },
					organisers: [{ name, type: 'association', role: 'lead' }]
				}
			});
			expect(created.status, created.text).toBe(201);
			expect(
				(await callApi(app.url, 'PATCH', `/events/${created.json.slug}`, { token: moderator, body: { status: 'published' } })).status
			).toBe(200);
		}
		const { page } = visitor;
		await visit(page, '/annuaire/structures?q=debrouillards', 'structures du réseau');
		expect(await page.locator('main li a').allTextContents()).toEqual(['Association Les Petits Débrouillards', 'Les petits débrouillards']);
		await navigating(page, () => page.getByRole('link', { name: 'Les petits débrouillards', exact: true }).click());
		await check(page, 'fiche de structure');
		expect(await text(page.locator('h1'))).toBe('Les petits débrouillards');

		const moderation = moderatorBrowser.page;
		await visit(moderation, '/admin/annuaire/structures', 'structures en double');
		await navigating(moderation, () =>
			moderation
				.getByRole('button', {
					name: fr.structures.moderation.mergeInto.replace('{{name}}', 'Association Les Petits Débrouillards (Brive-la-Gaillarde)')
				})
				.click()
		);
		expect(await text(moderation.getByRole('status'))).toBe(fr.structures.moderation.merged);
		await check(moderation, 'structures fusionnées');

		// The merged spelling's page leads to the structure that stays, which now has both events.
		await page.reload();
		expect(await text(page.locator('h1'))).toBe('Association Les Petits Débrouillards');
		expect(await page.locator('main ul li a[href^="/e/"]').count()).toBe(2);
	});

	it('test_a_visitor_suggests_corrections_and_a_moderator_accepts_or_refuses_them', async () => {
		const { page } = visitor;
		const c = fr.corrections;
		await visit(page, '/annuaire/lieux/brive-1', 'fiche du lieu, correction');
		await page.locator('#correction-field').selectOption('horaires');
		await page.locator('#correction-value').fill('le matin');
		await navigating(page, () => page.getByRole('button', { name: c.submit }).click());
		expect(await text(page.locator('#correction-value-error'))).toContain('horaires : « le matin »');
		expect(await page.locator('#correction-value').inputValue()).toBe('le matin');
		await check(page, 'correction invalide');
		await page.locator('#correction-value').fill('Mo-Fr 09:00-12:00');
		await page.locator('#correction-email').fill('lea.correction@example.org');
		await navigating(page, () => page.getByRole('button', { name: c.submit }).click());
		expect(await text(page.getByRole('status'))).toBe(c.thanks);
		await check(page, 'correction envoyée');

		await visit(page, '/annuaire/structures?q=debrouillards', 'structures pour une correction');
		await navigating(page, () => page.getByRole('link', { name: 'Association Les Petits Débrouillards' }).click());
		const structurePath = new URL(page.url()).pathname;
		await check(page, 'fiche de structure, correction');
		await page.locator('#correction-field').selectOption('name');
		await page.locator('#correction-value').fill('Les Petits Débrouillards de Corrèze');
		await navigating(page, () => page.getByRole('button', { name: c.submit }).click());
		expect(await text(page.getByRole('status'))).toBe(c.thanks);

		const moderation = moderatorBrowser.page;
		await visit(moderation, '/admin/annuaire/corrections', 'corrections proposées');
		const items = moderation.locator('ul.queue > li');
		expect(await items.count()).toBe(2);
		await navigating(moderation, () =>
			items.filter({ hasText: 'Espace numérique de Brive' }).getByRole('button', { name: c.queue.accept }).click()
		);
		expect(await text(moderation.getByRole('status'))).toBe(c.queue.accepted);
		await navigating(moderation, () => items.first().getByRole('button', { name: c.queue.refuse }).click());
		expect(await text(moderation.getByRole('status'))).toBe(c.queue.refused);
		expect(await text(moderation.locator('main'))).toContain(c.queue.none);
		await check(moderation, 'corrections traitées');

		await visit(page, '/annuaire/lieux/brive-1', 'fiche du lieu corrigée');
		expect(await text(page.locator('main'))).toContain('Mo-Fr 09:00-12:00');
		await visit(page, structurePath, 'structure non corrigée');
		expect(await text(page.locator('h1'))).toBe('Association Les Petits Débrouillards');
		expect((await outbox.written('lea.correction@example.org', 'directory-correction-accepted')).text_body).toContain(
			'/annuaire/lieux/brive-1'
		);
	});

	it('test_a_person_joins_a_structure_a_moderator_accepts_and_the_member_edits_it_and_its_place', async () => {
		const m = fr.members;
		const created = await callApi(app.url, 'POST', '/events', {
			token: moderator,
			body: {
				title: 'NEC Haute-Vienne',
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-10-07T09:00:00+02:00',
				endsAt: '2027-10-07T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'La Quincaillerie', inseeCode: '87085' },
				organisers: [{ name: 'Tiers-lieu La Quincaillerie', type: 'association', siret: '73282932000074', role: 'lead' }]
			}
		});
		expect(created.status, created.text).toBe(201);
		await callApi(app.url, 'PATCH', `/events/${created.json.slug}`, { token: moderator, body: { status: 'published' } });
		const place = placesCsv([placeRow({ id: 'quinca-1', pivot: '73282932000074', nom: 'Atelier numérique de la Quincaillerie' })]);
		const imported = await callApi(app.url, 'POST', '/directory/places/import', {
			token: moderator,
			body: place,
			headers: { 'content-type': 'text/csv' }
		});
		expect(imported.status, imported.text).toBe(200);

		const { page } = visitor;
		const structurePath = '/annuaire/structures/siret-73282932000074';
		await visit(page, structurePath, 'structure, sans connexion');
		expect(await text(page.locator('main'))).toContain(m.signIn);
		await signInWithMagicLink(page, app, outbox, 'quelquun@example.org');
		await visit(page, structurePath, 'structure, rejoindre');
		await page.locator('#join-note').fill('Animatrice des ateliers');
		await navigating(page, () => page.getByRole('button', { name: m.join }).click());
		expect(await text(page.getByRole('status'))).toBe(m.asked);
		expect(await text(page.locator('main'))).toContain(m.pending);
		await check(page, 'structure, demande envoyée');

		const moderation = moderatorBrowser.page;
		await visit(moderation, '/admin/annuaire/membres', 'demandes de rattachement');
		const request = moderation.locator('ul.requests > li').filter({ hasText: 'Tiers-lieu La Quincaillerie' });
		expect(await text(request)).toContain('Animatrice des ateliers');
		await navigating(moderation, () => request.getByRole('button', { name: /^Accepter/ }).click());
		expect(await text(moderation.getByRole('status'))).toContain('est membre de la structure');
		expect(await text(moderation.locator('main'))).toContain(m.noRequests);
		await check(moderation, 'demandes de rattachement traitées');
		expect((await outbox.written('quelquun@example.org', 'directory-membership-accepted')).text_body).toContain(structurePath);

		// A member: the structure's form, then the place's, straight away.
		await visit(page, structurePath, 'structure, membre');
		expect(await text(page.locator('main'))).toContain(m.active);
		await page.locator('#edit-name').fill('La Quincaillerie numérique');
		await navigating(page, () => page.getByRole('button', { name: m.editSubmit }).click());
		expect(await text(page.getByRole('status'))).toBe(m.edited);
		expect(await text(page.locator('h1'))).toBe('La Quincaillerie numérique');
		await check(page, 'structure modifiée');
		await navigating(page, () => page.getByRole('link', { name: `${m.editPlace} – Atelier numérique de la Quincaillerie` }).click());
		await check(page, 'lieu, modification par un membre');
		await page.locator('#edit-field').selectOption('horaires');
		await page.locator('#edit-value').fill('le lundi');
		await navigating(page, () => page.getByRole('button', { name: m.editPlaceSubmit }).click());
		expect(await text(page.locator('#edit-value-error'))).toContain('« le lundi »');
		expect(await page.locator('#edit-value').inputValue()).toBe('le lundi');
		await check(page, 'lieu, modification invalide');
		await page.locator('#edit-value').fill('Mo-Fr 10:00-18:00');
		await navigating(page, () => page.getByRole('button', { name: m.editPlaceSubmit }).click());
		expect(await text(page.getByRole('status'))).toBe(m.placeEdited);
		expect(await text(page.locator('main'))).toContain('Mo-Fr 10:00-18:00');
		await page.setViewportSize({ width: 360, height: 800 });
		await visit(page, structurePath, 'structure, membre à 360 px');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await navigating(page, () => page.getByRole('button', { name: m.leave }).click());
		expect(await text(page.getByRole('status'))).toBe(m.left);
	});

	it('test_every_page_was_checked_and_nothing_left_the_app', () => {
		expect(checked).toEqual([
			'annuaire',
			'annuaire filtré',
			'fiche du lieu',
			'lieu inconnu',
			'annuaire à 360 px',
			'import sans connexion',
			'import de l’annuaire',
			'import de l’annuaire, résultat',
			'structures du réseau',
			'fiche de structure',
			'structures en double',
			'structures fusionnées',
			'fiche du lieu, correction',
			'correction invalide',
			'correction envoyée',
			'structures pour une correction',
			'fiche de structure, correction',
			'corrections proposées',
			'corrections traitées',
			'fiche du lieu corrigée',
			'structure non corrigée',
			'structure, sans connexion',
			'structure, rejoindre',
			'structure, demande envoyée',
			'demandes de rattachement',
			'demandes de rattachement traitées',
			'structure, membre',
			'structure modifiée',
			'lieu, modification par un membre',
			'lieu, modification invalide',
			'structure, membre à 360 px'
		]);
		expect(blocked()).toEqual([]);
		expect(blockedForModerator()).toEqual([]);
	});
});
