// The EcoIndex of the public pages of a full event (40 sessions, 60 speakers, 3 rooms, 2 days,
// a banner and four logos):
// the event page must stay grade A (score above 80) and the whole programme B or better, as
// Chromium loads them (every request, the bytes on the wire, the DOM).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { seedBigEvent } from '#lib/server/programme/programme.demo.ts';
import { ecoIndex, measurePage } from './ecoindex.ts';
import { ROOT } from './support.ts';

describe('EcoIndex formula', () => {
	it('places each measure on the reference quantiles, weighted 3 / 2 / 1', () => {
		// The first quantile of each measure: position 1 everywhere, 100 − 5 × 6 / 6.
		expect(ecoIndex({ dom: 47, requests: 2, sizeKb: 1.37 })).toEqual({ score: 95, grade: 'A' });
		// The 19th quantile of each: 100 − 5 × 114 / 6.
		expect(ecoIndex({ dom: 2479, requests: 281, sizeKb: 8037.54 })).toEqual({ score: 5, grade: 'G' });
		// Two quantiles further: the DOM costs three times what the size does (100 − 5 × 12 / 6 and 100 − 5 × 8 / 6).
		expect(ecoIndex({ dom: 159, requests: 2, sizeKb: 1.37 }).score).toBe(90);
		expect(ecoIndex({ dom: 47, requests: 2, sizeKb: 319.53 }).score).toBe(93);
		expect(ecoIndex({ dom: 0, requests: 0, sizeKb: 0 }).grade).toBe('A');
	});
});

describe('EcoIndex of the public pages', () => {
	let dir: string;
	let app: RunningApp;
	let browser: BrowserSession;
	let slug: string;

	beforeAll(async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'ecoindex-'));
		const databaseUrl = `file:${path.join(dir, 'maillage.sqlite')}`;
		({ slug } = await seedBigEvent(databaseUrl, 'http://localhost', { images: true }));
		app = await startApp({ databaseUrl });
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('test_event_page_is_grade_A_and_full_programme_B_or_better', async () => {
		const eventPage = await measurePage(browser.page, `${app.url}/e/${slug}`);
		const programme = await measurePage(browser.page, `${app.url}/e/${slug}/programme`);
		const sessions = await browser.page.goto(`${app.url}/e/${slug}/programme`).then(() => browser.page.locator('li.session').count());
		expect(sessions).toBe(40);
		const event = ecoIndex(eventPage);
		const full = ecoIndex(programme);
		console.log(
			`EcoIndex — event page: ${JSON.stringify(eventPage)} → ${event.score} ${event.grade}; programme: ${JSON.stringify(programme)} → ${full.score} ${full.grade}`
		);
		// The stylesheet is inline, the icon is a data: URL, the pages need no script: the programme is
		// one request; the event page adds its banner (the size the screen needs) and, once scrolled
		// to, its logos (lazy).
		expect(programme.requests).toBe(1);
		expect(eventPage.requests).toBeLessThanOrEqual(6);
		expect(event.score).toBeGreaterThan(80);
		expect(full.score).toBeGreaterThan(70);
	});
});
