// What the lost-update browser suites start from: the app on SQLite, its outbox, an organiser with
// an API token and an event of theirs (created through the API), and a browser signed in as them.
import { expect } from 'vitest';
import { blockThirdParty, launchBrowser, startApp, type BrowserSession, type RunningApp } from './harness.ts';
import { Outbox, callApi, createUserWithToken, defaultDatabaseUrl, signInWithMagicLink } from './support.ts';

export interface SignedInOrganiser {
	app: RunningApp;
	outbox: Outbox;
	token: string;
	browser: BrowserSession;
	/** Requests to anywhere but the app (none expected). */
	blocked: () => string[];
	/** Closes the browser, the outbox and the app. */
	close: () => Promise<void>;
}

/** Starts all of it for `email`, with an on-site event called `title` (two themes, 10 June 2027). */
export async function openSignedInOrganiser(email: string, title: string): Promise<SignedInOrganiser> {
	const app = await startApp();
	const databaseUrl = defaultDatabaseUrl(app);
	const outbox = new Outbox(databaseUrl);
	const token = await createUserWithToken(email, databaseUrl);
	const created = await callApi(app.url, 'POST', '/events', {
		token,
		body: {
			title,
			themes: ['Inclusion numérique', 'Communs numériques'],
			startsAt: '2027-06-10T09:00',
			endsAt: '2027-06-10T17:00',
			format: 'onsite',
			venue: { name: 'Médiathèque', inseeCode: '87085' }
		}
	});
	expect(created.status, created.text).toBe(201);
	const browser = await launchBrowser();
	const blocked = await blockThirdParty(browser.context, app.url);
	await signInWithMagicLink(browser.page, app, outbox, email);
	const close = async () => {
		await browser.close();
		await outbox.close();
		await app.stop();
	};
	return { app, outbox, token, browser, blocked, close };
}
