#!/usr/bin/env node
/**
 * `npm run report:ecoindex`: the EcoIndex of the event page and of the full programme of an event
 * with 40 sessions, 60 speakers and 3 rooms over 2 days, as Debian's Chromium loads them from the
 * built app (transferred kilobytes, requests, DOM elements; score and grade). Goals: A (above 80)
 * for the event page, B or better (above 70) for the programme. The browser test
 * tests/e2e/ecoindex.test.ts holds the same goals; this prints the figures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startApp } from '../tests/e2e/harness.ts';
import { seedBigEvent } from '#lib/server/programme/programme.demo.ts';
import { ecoIndex, measurePage } from '../tests/e2e/ecoindex.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(ROOT, 'build/handler.js')))
	execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
const dir = await mkdtemp(path.join(ROOT, '.tmp', 'ecoindex-'));
const databaseUrl = `file:${path.join(dir, 'maillage.sqlite')}`;
const { slug } = await seedBigEvent(databaseUrl, 'http://localhost', { images: true });
const app = await startApp({ databaseUrl });
const browser = await launchBrowser();
try {
	const rows = [
		['event page', `/e/${slug}`, 80],
		['full programme', `/e/${slug}/programme`, 70]
	] as const;
	console.log('| page | transferred (KiB) | requests | DOM elements | EcoIndex | grade | goal |');
	console.log('| --- | ---: | ---: | ---: | ---: | :---: | --- |');
	let ok = true;
	for (const [name, url, min] of rows) {
		const m = await measurePage(browser.page, app.url + url);
		const { score, grade } = ecoIndex(m);
		ok &&= score > min;
		console.log(
			`| ${name} | ${m.sizeKb.toFixed(1)} | ${m.requests} | ${m.dom} | ${score} | ${grade} | > ${min}: ${score > min ? 'met' : 'NOT met'} |`
		);
	}
	process.exitCode = ok ? 0 : 1;
} finally {
	await browser.close();
	await app.stop();
	await rm(dir, { recursive: true, force: true });
}
