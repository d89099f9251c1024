// No lost update between an organiser and a speaker (SQLite): both open the same session's
// synthesis, the organiser from the team's pages, the speaker from their private link. The speaker
// saves first; the organiser's save, from the page loaded before, is refused (409) with the French
// message on top, their typed text kept and the speaker's saved text shown beside it, and nothing
// of the speaker's is overwritten. Both pages pass axe-core, the refused one fits a 360 px phone,
// and no request leaves the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { callApi, navigating, pageChecks, text } from './support.ts';
import { openSignedInOrganiser, type SignedInOrganiser } from './signed-in-organiser.ts';

const fr = MESSAGES.fr;
const ORGANISER = 'odile.synthese@example.org';
const SPEAKER = 'sacha.synthese@example.org';
const SLUG = 'nec-de-la-synthese-partagee';

describe('no lost update on a synthesis in the browser (SQLite)', () => {
	let o: SignedInOrganiser;
	let sessionId: string;
	let speakerLink: string;
	const { check } = pageChecks(() => o.app.url);
	const api = (method: string, pathname: string, body?: unknown) => callApi(o.app.url, method, pathname, { token: o.token, body });

	beforeAll(async () => {
		o = await openSignedInOrganiser(ORGANISER, 'NEC de la synthèse partagée');
		const speaker = await api('POST', `/events/${SLUG}/speakers`, { name: 'Sacha Parole', email: SPEAKER, status: 'confirmed' });
		expect(speaker.status, speaker.text).toBe(201);
		const session = await api('POST', `/events/${SLUG}/sessions`, {
			title: 'Atelier des communs',
			format: 'workshop',
			startsAt: '2027-06-10T10:00:00+02:00',
			speakerIds: [speaker.json.id]
		});
		expect(session.status, session.text).toBe(201);
		sessionId = session.json.id;
		expect((await api('POST', `/events/${SLUG}/speakers/${speaker.json.id}/invitation`)).status).toBe(202);
		const mail = await o.outbox.written(SPEAKER, 'speaker-invitation');
		speakerLink = /https?:\/\/\S+\/intervenant\/[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
	});

	afterAll(() => o?.close());

	it('test_organiser_saving_a_synthesis_the_speaker_saved_meanwhile_sees_it_and_keeps_their_text', async () => {
		// Arrange: the organiser's form and the speaker's, both opened before either saves.
		const organiser = o.browser.page;
		const speaker = await o.browser.context.newPage();
		await organiser.goto(`${o.app.url}/organisateur/e/${SLUG}/bilan/synthese/${sessionId}`);
		await speaker.goto(`${speakerLink}/synthese/${sessionId}`);
		await check(speaker, 'synthesis (speaker)');
		const save = (page: typeof organiser) =>
			navigating(page, () => page.getByRole('button', { name: fr.reports.synthesis.save, exact: true }).click());

		// Act: the speaker saves first; the organiser, from the page loaded before, saves their own text.
		await speaker.locator('#sp-points0').fill('Un lieu ouvert le samedi');
		await save(speaker);
		expect(await text(speaker.getByRole('status'))).toBe(fr.reports.synthesis.saved);
		await organiser.locator('#sy-points0').fill('Une charte commune');
		await save(organiser);

		// Assert: refused, the message on top, the typed text kept, the speaker's text shown beside it.
		expect(await text(organiser.getByRole('alert'))).toContain(fr.security.stale);
		expect(await organiser.locator('#sy-points0').inputValue()).toBe('Une charte commune');
		const changed = organiser.getByRole('note').filter({ hasText: fr.security.changedTitle });
		expect(await text(changed)).toContain('Un lieu ouvert le samedi');
		await check(organiser, 'stale synthesis (organiser)');
		await organiser.setViewportSize({ width: 360, height: 740 });
		expect(await organiser.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		const stored = await api('GET', `/events/${SLUG}/sessions/${sessionId}/synthesis`);
		expect(stored.json).toMatchObject({ version: 1, sections: [{ title: 'Prérequis', points: ['Un lieu ouvert le samedi'] }] });

		// Saving again, having seen it, is deliberate: the organiser's text is written over version 1.
		await save(organiser);
		expect(await text(organiser.getByRole('status'))).toBe(fr.reports.synthesis.saved);
		expect((await api('GET', `/events/${SLUG}/sessions/${sessionId}/synthesis`)).json).toMatchObject({
			version: 2,
			sections: [{ points: ['Une charte commune'] }]
		});
		await speaker.close();
		expect(o.blocked()).toEqual([]);
	});
});
