// The webhooks screen in a real browser on a 360 px screen (SQLite): an address refused with its
// French message next to the field, an address registered with its secret shown once, a test
// sent and received by a real HTTP server with a signature that Standard Webhooks' own library
// verifies, a registration delivered the same way, and the delivery log. axe-core on every page.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { launchBrowser, blockThirdParty, type BrowserSession, type RunningApp } from './harness.ts';
import {
	Outbox,
	callApi,
	createUserWithToken,
	navigating,
	pageChecks,
	signInWithMagicLink,
	startAppOn,
	text,
	type AppOnDatabase
} from './support.ts';

const fr = MESSAGES.fr;
const ORGANISER = 'orga.webhooks@example.org';

async function until<T>(read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe('webhooks screen in the browser (SQLite)', () => {
	let running: AppOnDatabase;
	let app: RunningApp;
	let outbox: Outbox;
	let browser: BrowserSession;
	let blocked: () => string[];
	let receiver: Server;
	let hookUrl: string;
	let slug: string;
	let token: string;
	const received: { headers: IncomingHttpHeaders; body: string }[] = [];
	const { checked, check, visit } = pageChecks(() => app.url);

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString('utf8')));
			req.on('end', () => {
				received.push({ headers: req.headers, body });
				res.statusCode = 204;
				res.end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		hookUrl = `http://localhost:${(receiver.address() as AddressInfo).port}/maillage`;
		running = await startAppOn('sqlite', 'webhooks', { WEBHOOK_ALLOW_LOCALHOST: '1' });
		app = running.app;
		outbox = new Outbox(running.databaseUrl);
		token = await createUserWithToken(ORGANISER, running.databaseUrl);
		const ev = await callApi(app.url, 'POST', '/events', {
			token,
			body: {
				title: 'NEC « Webhooks » & co',
				themes: ['Inclusion numérique', 'Communs'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Médiathèque', inseeCode: '87085' }
			}
		});
		slug = ev.json.slug;
		await callApi(app.url, 'PATCH', `/events/${slug}`, { token, body: { status: 'published' } });
		browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
		blocked = await blockThirdParty(browser.context, app.url);
		await signInWithMagicLink(browser.page, app, outbox, ORGANISER);
	});

	afterAll(async () => {
		await browser?.close();
		await outbox?.close();
		await running?.stop();
		await new Promise((resolve) => receiver?.close(resolve));
	});

	it('test_organiser_registers_tests_and_reads_the_log_of_a_webhook', async () => {
		const page = browser.page;
		await visit(page, `/organisateur/e/${slug}/webhooks`, 'webhooks : vide');
		expect(await text(page.locator('main'))).toContain(fr.webhooks.none);

		await page.locator('#url').fill('http://example.org/hook');
		await page.getByRole('checkbox', { name: /registration\.created/ }).check();
		await navigating(page, () => page.getByRole('button', { name: fr.webhooks.add }).click());
		await check(page, 'webhooks : adresse refusée');
		expect(await text(page.locator('#url-error'))).toBe(fr.webhooks.errors.urlSchemeLocal);
		expect(await page.locator('#url').inputValue()).toBe('http://example.org/hook');
		expect(await page.getByRole('checkbox', { name: /registration\.created/ }).isChecked()).toBe(true);

		await page.locator('#url').fill(hookUrl);
		await navigating(page, () => page.getByRole('button', { name: fr.webhooks.add }).click());
		await check(page, 'webhooks : secret affiché');
		const secret = await text(page.locator('[role=status] code'));
		expect(secret).toMatch(/^whsec_/);

		await navigating(page, () => page.getByRole('button', { name: fr.webhooks.test.replace('{{url}}', hookUrl) }).click());
		await check(page, 'webhooks : essai envoyé');
		const test = await until(() => received.find((r) => JSON.parse(r.body).type === 'webhook.test'));
		expect(new Webhook(secret).verify(test.body, test.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });

		const reg = await callApi(app.url, 'POST', `/events/${slug}/registrations`, {
			body: {
				firstName: 'Zoé',
				lastName: 'L’Hôte 🎉',
				email: 'zoe.webhooks@example.org',
				structure: { name: 'Tiers-lieu', type: 'association' },
				role: 'mediateur-numerique',
				inseeCode: '87085',
				sessionIds: [],
				consents: { terms: true, newsletter: false, photos: false }
			}
		});
		expect(reg.status).toBe(201);
		const created = await until(() => received.find((r) => JSON.parse(r.body).type === 'registration.created'));
		const payload = new Webhook(secret).verify(created.body, created.headers as Record<string, string>) as {
			data: { registration: { id: string } };
		};
		expect(payload.data.registration.id).toBe(reg.json.id);

		await navigating(page, () => page.getByRole('link', { name: fr.webhooks.log.replace('{{url}}', hookUrl) }).click());
		await check(page, 'webhooks : journal');
		const log = await text(page.locator('main'));
		expect(log).toContain('registration.created');
		expect(log).toContain(`${fr.webhooks.status.delivered} (HTTP 204)`);
		expect(await text(page.locator('main'))).not.toContain(secret);
		expect(received.filter((r) => JSON.parse(r.body).type === 'registration.created')).toHaveLength(1);
	});

	it('test_pages_were_checked_and_nothing_left_the_app', () => {
		expect(checked).toHaveLength(5);
		expect(blocked()).toEqual([]);
	});
});
