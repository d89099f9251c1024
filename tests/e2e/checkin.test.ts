// The welcome desk and the QR code in a real browser, on one app with SQLite. An organiser opens
// the address that a confirmation's or badge's QR code holds and lands on the desk with that
// person found, one button away from checking them in. On a phone without BarcodeDetector
// (Safari on iPhone, Firefox; simulated here by removing it), the camera still reads a badge:
// jsQR is fetched from the app itself, and only once the camera is opened. Without the app's
// scripts, there is no camera button and the search by name still checks people in. axe-core on
// every page, and no request may leave the app.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { qrMatrix } from '#lib/server/registrations/qr.ts';
import { checkinUrl } from '#lib/server/registrations/registration-mail.ts';
import { registerParticipant } from '#lib/server/registrations/registration.service.ts';
import { registrationInput } from '../factories/registrations.ts';
import { blockThirdParty, launchBrowser, screenshot, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import {
	Outbox,
	ROOT,
	createUserWithToken,
	defaultDatabaseUrl,
	fill,
	navigating,
	pageChecks,
	signInWithMagicLink,
	text
} from './support.ts';

const fr = MESSAGES.fr;
const ORGANISER = 'orga.accueil@example.org';

/**
 * A camera that films a QR code: one 640 × 480 frame in the raw Y4M format Chromium's fake
 * capture device reads (grey levels, then neutral colour planes), the code 6 pixels per module.
 */
function qrVideo(content: string): Buffer {
	const [w, h, scale] = [640, 480, 6];
	const m = qrMatrix(content);
	const side = m.size * scale;
	const [left, top] = [(w - side) >> 1, (h - side) >> 1];
	const luma = Buffer.alloc(w * h, 255);
	for (let y = 0; y < side; y++)
		for (let x = 0; x < side; x++) if (m.dark(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * w + left + x] = 0;
	const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
	return Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii'), luma, chroma]);
}

/** Chromium with a phone's screen and a fake camera filming `video` (the permission granted). */
function launchPhone(video: string): Promise<BrowserSession> {
	return launchBrowser({
		args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
		viewport: { width: 390, height: 800 }
	});
}

describe('check-in desk and QR codes in the browser (SQLite)', () => {
	let app: RunningApp;
	let outbox: Outbox;
	let db: DbHandle;
	let phone: BrowserSession;
	let noScript: BrowserSession;
	let blocked: (() => string[])[] = [];
	let videoDir: string;
	let slug: string;
	const people = {} as Record<'anh' | 'lukasz' | 'zoe', { id: string; code: string }>;
	const { checked: axeChecked, check } = pageChecks(() => app.url);
	const desk = () => `${app.url}/organisateur/e/${slug}/accueil`;

	beforeAll(async () => {
		app = await startApp();
		const databaseUrl = defaultDatabaseUrl(app);
		outbox = new Outbox(databaseUrl);
		db = createDb(databaseUrl);
		const token = await createUserWithToken(ORGANISER, databaseUrl, ['--name', 'Orga Accueil']);
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
				venue: { name: 'Espace Noriac', address: '10 rue Jean Pierre Timbaud', inseeCode: '87085' }
			})
		});
		const body = await created.text();
		expect(created.status, body).toBe(201);
		slug = (JSON.parse(body) as { slug: string }).slug;
		const published = await fetch(`${app.url}/api/v1/events/${slug}`, {
			method: 'PATCH',
			headers,
			body: JSON.stringify({ status: 'published' })
		});
		expect(published.status).toBe(200);
		const ctx = { db: db.db, publicUrl: app.url };
		for (const [key, firstName, lastName] of [
			['anh', 'Thị Ánh', 'Nguyễn'],
			['lukasz', 'Łukasz', 'Wałęsa'],
			['zoe', 'Zoë', 'Ørsted']
		] as const) {
			const { id } = await registerParticipant(ctx, null, slug, registrationInput({ firstName, lastName }));
			const row = await db.db.selectFrom('registration').select('checkin_code').where('id', '=', id).executeTakeFirstOrThrow();
			people[key] = { id, code: row.checkin_code };
		}

		// The phone's camera films Łukasz's badge.
		videoDir = await mkdtemp(path.join(ROOT, '.tmp', 'camera-'));
		const video = path.join(videoDir, 'badge.y4m');
		await writeFile(video, qrVideo(checkinUrl(app.url, people.lukasz.code)));
		phone = await launchPhone(video);
		noScript = await launchBrowser();
		// As on Safari for iPhone or Firefox, whatever this Chromium offers.
		await phone.context.addInitScript(() => delete (window as { BarcodeDetector?: unknown }).BarcodeDetector);
		blocked = [await blockThirdParty(phone.context, app.url), await blockThirdParty(noScript.context, app.url)];
		// The app without its scripts (as with JavaScript off, but axe-core can still run): the
		// last route registered is tried first.
		await noScript.context.route(/\/_app\/immutable\/.*\.js$/, (route) => route.abort('blockedbyclient'));
		await signInWithMagicLink(phone.page, app, outbox, ORGANISER);
	});

	afterAll(async () => {
		await phone?.close();
		await noScript?.close();
		await outbox?.close();
		await db?.db.destroy();
		await app?.stop();
		if (videoDir) await rm(videoDir, { recursive: true, force: true });
	});

	const checkInButton = (page: Page, name: string) => page.getByRole('button', { name: fill(fr.checkin.checkIn, { name }) });
	const methodOf = async (id: string) =>
		(await db.db.selectFrom('checkin').select('method').where('registration_id', '=', id).executeTakeFirst())?.method;

	it('test_qr_code_link_opens_the_desk_with_the_person_for_a_signed_in_organiser', async () => {
		const { page } = phone;
		// Signed out, the link asks to sign in first and comes back.
		const anonymous = await fetch(checkinUrl(app.url, people.anh.code), { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/connexion?next=${encodeURIComponent(`/inscription/accueil/${people.anh.code}`)}`);

		await page.goto(checkinUrl(app.url, people.anh.code.toLowerCase()));

		const url = new URL(page.url());
		expect(url.pathname).toBe(`/organisateur/e/${slug}/accueil`);
		expect(url.searchParams.get('code')).toBe(people.anh.code);
		expect(await page.locator('.people li').count()).toBe(1);
		expect(await text(page.locator('.people li .name'))).toBe('NGUYỄN Thị Ánh');
		await check(page, 'accueil : personne du QR code');
		await screenshot(page, 'checkin/qr-lien');
		await navigating(page, () => checkInButton(page, 'Thị Ánh Nguyễn').click());
		expect(await text(page.getByRole('status').filter({ hasText: 'Nguyễn' }))).toMatch(/^Thị Ánh Nguyễn est arrivé·e \(\d+ h \d{2}\)\.$/);
		expect(await text(page.locator('.counter'))).toBe('1 arrivé·e sur 3 attendu·es');
		await check(page, 'accueil : arrivée par le QR code');
		expect(await methodOf(people.anh.id)).toBe('qr');
	});

	it('test_camera_reads_a_badge_with_jsqr_fetched_only_when_opened', async () => {
		const { page } = phone;
		const scripts: string[] = [];
		page.on('response', (r) => {
			if (r.request().resourceType() === 'script') scripts.push(r.url());
		});
		await page.goto(desk());
		const scan = page.getByRole('button', { name: fr.checkin.scan });
		await scan.waitFor();
		expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
		await check(page, 'accueil avec caméra');
		const before = scripts.length;

		await navigating(page, () => scan.click());

		// The decoder is jsQR (the only script naming its 'attemptBoth' option), fetched from the
		// app after the click and not before.
		const isJsQr = async (urls: string[]) =>
			(await Promise.all(urls.map((u) => fetch(u).then((r) => r.text())))).map((b) => b.includes('attemptBoth'));
		expect(await isJsQr(scripts.slice(0, before))).not.toContain(true);
		const fetched = scripts.slice(before);
		expect(fetched.every((u) => u.startsWith(`${app.url}/_app/immutable/`))).toBe(true);
		expect(await isJsQr(fetched)).toContain(true);
		expect(new URL(page.url()).searchParams.get('code')).toBe(people.lukasz.code);
		expect(await text(page.locator('.people li .name'))).toBe('WAŁĘSA Łukasz');
		await check(page, 'accueil : badge scanné');
		await navigating(page, () => checkInButton(page, 'Łukasz Wałęsa').click());
		expect(await text(page.locator('.counter'))).toBe('2 arrivé·es sur 3 attendu·es');
		expect(await methodOf(people.lukasz.id)).toBe('qr');
	});

	it('test_desk_on_a_phone_keeps_what_is_typed_right_after_load_and_shows_the_search_first', async () => {
		const { page } = phone;
		await page.goto(desk(), { waitUntil: 'commit' });
		const search = page.locator('#q');
		await search.waitFor({ state: 'attached' });
		// Typed as soon as the field exists, before the page's scripts have started.
		await search.pressSequentially('ørs');
		await page.waitForLoadState('load');
		await page.waitForTimeout(3000);
		expect(await search.inputValue()).toBe('ørs');
		// The search is the first thing under the title, in the top part of a 390 × 800 phone that
		// the on-screen keyboard leaves visible.
		await screenshot(page, 'accueil-telephone-390');
		const box = await search.boundingBox();
		expect(box && box.y + box.height).toBeLessThan(500);
		const halfDay = await page.locator('#demi-journee').boundingBox();
		expect(halfDay && box && halfDay.y > box.y).toBe(true);
		await check(page, 'accueil sur téléphone : saisie conservée');
	});

	it('test_without_scripts_no_camera_and_the_search_checks_in', async () => {
		const { page } = noScript;
		await page.setViewportSize({ width: 390, height: 800 });
		await signInWithMagicLink(page, app, outbox, ORGANISER);
		await page.goto(desk());
		expect(await page.getByRole('button', { name: fr.checkin.scan }).count()).toBe(0);
		await page.locator('#q').fill('zoë');
		await navigating(page, () => page.getByRole('button', { name: fr.checkin.searchSubmit }).first().click());
		await check(page, 'accueil sans scripts : résultat de recherche');
		await navigating(page, () => checkInButton(page, 'Zoë Ørsted').click());
		expect(await text(page.getByRole('status').filter({ hasText: 'Ørsted' }))).toMatch(/^Zoë Ørsted est arrivé·e/);
		expect(await text(page.locator('.counter'))).toBe('3 arrivé·es sur 3 attendu·es');
		await check(page, 'accueil sans scripts : arrivée enregistrée');
		expect(await methodOf(people.zoe.id)).toBe('search');
	});

	it('test_every_page_passed_axe_and_no_request_left_the_app', () => {
		expect(axeChecked).toHaveLength(7);
		for (const b of blocked) expect(b()).toEqual([]);
	});
});
