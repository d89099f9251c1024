// Real answers of the operations that close the API's gaps with the organisers' screens (issue
// #19): the CSV import of registrations, the programme's settings and the rooms' order, a
// campaign's test send, a contact list taken from another event and one contact removed, and the
// import of survey answers. Checked against the OpenAPI document the app serves, with Ajv
// (openapi-conformance.ts), on both databases, as an organiser, a read-only member and an outsider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { campaignToolsOpenApi } from '#lib/server/campaigns/campaign-tools.openapi.ts';
import { programmeArrangementOpenApi } from '#lib/server/programme/programme-arrangement.openapi.ts';
import { registrationImportOpenApi } from '#lib/server/registrations/registration-import.openapi.ts';
import { surveyImportOpenApi } from '#lib/server/surveys/survey-import.openapi.ts';
import { DIALECTS } from '../helpers/db.ts';
import { freeCampaignInput } from '../factories/campaigns.ts';
import { eventInput } from '../factories/index.ts';
import { openSurveyInput } from '../factories/surveys.ts';
import { OpenApiConformance, checkedCalls } from './openapi-conformance.ts';
import { Outbox, callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const DRIVEN_PARTS = [registrationImportOpenApi, programmeArrangementOpenApi, campaignToolsOpenApi, surveyImportOpenApi];
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';
const CSV = { 'content-type': 'text/csv' };

describe.each(DIALECTS)('API answers of the screens’ last operations match the OpenAPI document on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let url: string;
	let conformance: OpenApiConformance;
	let alice: string;
	let reader: string;
	let outsider: string;
	let slug: string;
	let otherSlug: string;
	const problems: string[] = [];

	const { api, ok } = checkedCalls(() => ({ url, conformance }), problems);
	const newEvent = async (title: string) => {
		const created = await ok('POST', '/events', { token: alice, body: eventInput({ title, label: undefined }) }, 201);
		await ok('PATCH', `/events/${created.json.slug}`, { token: alice, body: { status: 'published', capacity: 100 } }, 200);
		return created.json.slug as string;
	};
	const newList = async (eventSlug: string, name: string, emails: string[]) => {
		const list = await ok('POST', `/events/${eventSlug}/contact-lists`, { token: alice, body: { name } }, 201);
		const contacts = emails.map((email) => ({ email, firstName: 'Hélène', structure: NASTY }));
		await ok('POST', `/events/${eventSlug}/contact-lists/${list.json.id}/contacts`, { token: alice, body: { contacts } }, 200);
		return list.json.id as string;
	};

	beforeAll(async () => {
		running = await startAppOn(dialect, 'api-gaps-a');
		url = running.app.url;
		[alice, reader, outsider] = await Promise.all([
			createUserWithToken('alice.gaps@example.org', running.databaseUrl),
			createUserWithToken('rachid.gaps@example.org', running.databaseUrl),
			createUserWithToken('zoe.gaps@example.org', running.databaseUrl)
		]);
		conformance = new OpenApiConformance((await callApi(url, 'GET', '/openapi.json')).json);
		slug = await newEvent(`NEC ${NASTY}`);
		otherSlug = await newEvent('Forum voisin');
		await ok('POST', `/events/${slug}/team`, { token: alice, body: { email: 'rachid.gaps@example.org', role: 'readonly' } }, 201);
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('test_registration_import_answers_conform', async () => {
		problems.length = 0;
		const path = `/events/${slug}/registrations/import`;
		const csv = [
			'prénom;nom;e-mail;structure',
			`Nina;${NASTY.slice(0, 40)};nina.gaps@example.org;Tiers-lieu`,
			'Omar;Diallo;pas-une-adresse;X'
		].join('\r\n');
		const report = await ok('POST', `${path}?sendConfirmation=false`, { token: alice, body: csv, headers: CSV }, 200);
		expect(report.json).toMatchObject({ lines: 2, created: 1, waitlisted: 0, existing: 0 });
		expect(report.json.errors).toEqual([{ line: 3, name: 'Omar Diallo', messages: [expect.stringContaining(MESSAGES.fr.errors.email)] }]);
		// The same file again registers nobody twice.
		const again = await ok('POST', path, { token: alice, body: csv, headers: CSV }, 200);
		expect(again.json).toMatchObject({ created: 0, existing: 1 });

		const missing = await api('POST', path, { token: alice, body: 'prénom;nom\r\nNina;Martin', headers: CSV });
		expect(missing.status).toBe(422);
		expect(missing.json.errors.map((e: { field: string }) => e.field)).toEqual(['file']);
		const asJson = await api('POST', path, { token: alice, body: { csv } });
		expect(asJson.status).toBe(400);
		expect(asJson.json.errors[0].message).toBe(MESSAGES.fr.errors.csvContentType);
		expect((await api('POST', path, { token: reader, body: csv, headers: CSV })).status).toBe(403);
		expect((await api('POST', path, { token: outsider, body: csv, headers: CSV })).status).toBe(404);
		expect((await api('POST', path, { body: csv, headers: CSV })).status).toBe(401);
		expect(problems).toEqual([]);
	});

	it('test_programme_settings_and_room_order_answers_conform', async () => {
		problems.length = 0;
		const settings = `/events/${slug}/programme-settings`;
		const before = await ok('GET', settings, { token: reader }, 200);
		const saved = await ok(
			'PUT',
			settings,
			{ token: alice, body: { minBreakMinutes: 15 }, headers: { 'if-match': before.headers.get('etag')! } },
			200
		);
		expect(saved.json).toEqual({ minBreakMinutes: 15, version: before.json.version + 1 });
		expect(saved.headers.get('etag')).toBe(`"${saved.json.version}"`);
		// Changed since it was read: nothing written, the current ETag given back.
		const stale = await api('PUT', settings, {
			token: alice,
			body: { minBreakMinutes: 40 },
			headers: { 'if-match': before.headers.get('etag')! }
		});
		expect([stale.status, stale.headers.get('etag')]).toEqual([412, saved.headers.get('etag')]);
		const bad = await api('PUT', settings, { token: alice, body: { minBreakMinutes: -5 } });
		expect(bad.status).toBe(422);
		expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['minBreakMinutes']);
		expect((await ok('GET', settings, { token: reader }, 200)).json).toEqual(saved.json);
		expect((await api('GET', settings, { token: outsider })).status).toBe(404);
		expect((await api('PUT', settings, { token: reader, body: { minBreakMinutes: 0 } })).status).toBe(403);
		expect((await api('PUT', settings, { token: outsider, body: { minBreakMinutes: 0 } })).status).toBe(404);

		const room = async (name: string) =>
			(await ok('POST', `/events/${slug}/rooms`, { token: alice, body: { name } }, 201)).json.id as string;
		const [a, b, c] = [await room('Amphi'), await room(`Salle ${NASTY}`.slice(0, 80)), await room('Jardin')];
		const move = (id: string, direction: string, token = alice, eventSlug = slug) =>
			api('POST', `/events/${eventSlug}/rooms/${id}/move`, { token, body: { direction } });
		const moved = await ok('POST', `/events/${slug}/rooms/${b}/move`, { token: alice, body: { direction: 'up' } }, 200);
		expect(moved.json.map((r: { id: string }) => r.id)).toEqual([b, a, c]);
		// The first cannot go higher: nothing changes.
		await ok('POST', `/events/${slug}/rooms/${b}/move`, { token: alice, body: { direction: 'up' } }, 200);
		await ok('POST', `/events/${slug}/rooms/${a}/move`, { token: alice, body: { direction: 'down' } }, 200);
		const order = await ok('GET', `/events/${slug}/rooms`, {}, 200);
		expect(order.json.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([
			[b, 0],
			[c, 1],
			[a, 2]
		]);
		expect((await move(a, 'gauche')).status).toBe(422);
		expect((await move(a, 'up', reader)).status).toBe(403);
		expect((await move(a, 'up', outsider)).status).toBe(404);
		expect((await move(a, 'up', alice, otherSlug)).status).toBe(404);
		expect((await move('inconnue', 'up')).status).toBe(404);
		expect(problems).toEqual([]);
	});

	it('test_campaign_test_send_answers_conform', async () => {
		problems.length = 0;
		const list = await newList(slug, `Partenaires ${NASTY}`, ['helene.gaps@example.org']);
		const body = freeCampaignInput([list], { name: `Annonce ${NASTY}` });
		const campaign = await ok('POST', `/events/${slug}/campaigns`, { token: alice, body }, 201);
		const path = `/events/${slug}/campaigns/${campaign.json.id}/test`;
		expect((await ok('POST', path, { token: alice }, 200)).json).toEqual({ to: 'alice.gaps@example.org' });
		const outbox = new Outbox(running!.databaseUrl);
		try {
			const mail = await outbox.written('alice.gaps@example.org', 'campaign-test');
			expect(mail.subject).toBe('[Test] Bonjour');
		} finally {
			await outbox.close();
		}
		// A test sends nothing to the audience: the campaign is still a draft.
		expect((await ok('GET', `/events/${slug}/campaigns/${campaign.json.id}`, { token: alice }, 200)).json.status).toBe('draft');
		expect((await api('POST', path, { token: reader })).status).toBe(403);
		expect((await api('POST', path, { token: outsider })).status).toBe(404);
		expect((await api('POST', path, {})).status).toBe(401);
		expect((await api('POST', `/events/${otherSlug}/campaigns/${campaign.json.id}/test`, { token: alice })).status).toBe(404);
		expect(problems).toEqual([]);
	});

	it('test_contact_list_copy_and_contact_removal_answers_conform', async () => {
		problems.length = 0;
		const source = await newList(otherSlug, 'Médiathèques', ['marc.gaps@example.org', 'ines.gaps@example.org']);
		const base = `/events/${slug}/contact-lists/from-other-events`;
		const offered = await ok('GET', base, { token: alice }, 200);
		expect(offered.json).toContainEqual({ id: source, name: 'Médiathèques', eventTitle: 'Forum voisin', eventSlug: otherSlug });
		expect((await api('GET', base, { token: outsider })).status).toBe(404);
		expect((await api('GET', base, {})).status).toBe(401);

		const copied = await ok('POST', base, { token: alice, body: { source } }, 201);
		expect(copied.json).toMatchObject({ name: 'Médiathèques (Forum voisin)', contacts: 2 });
		expect((await api('POST', base, { token: alice, body: { source: '' } })).status).toBe(422);
		expect((await api('POST', base, { token: alice, body: { source: 'inconnue' } })).status).toBe(404);
		expect((await api('POST', base, { token: reader, body: { source } })).status).toBe(403);
		expect((await api('POST', base, { token: outsider, body: { source } })).status).toBe(404);

		const contents = `/events/${slug}/contact-lists/${copied.json.id}/contacts`;
		const before = await ok('GET', contents, { token: alice }, 200);
		const marc = before.json.contacts.find((c: { email: string }) => c.email === 'marc.gaps@example.org').id;
		expect((await api('DELETE', `${contents}/${marc}`, { token: reader })).status).toBe(403);
		expect((await api('DELETE', `${contents}/${marc}`, { token: outsider })).status).toBe(404);
		expect((await api('DELETE', `/events/${otherSlug}/contact-lists/${copied.json.id}/contacts/${marc}`, { token: alice })).status).toBe(
			404
		);
		await ok('DELETE', `${contents}/${marc}`, { token: alice }, 204);
		expect((await api('DELETE', `${contents}/${marc}`, { token: alice })).status).toBe(404);
		const after = await ok('GET', contents, { token: alice }, 200);
		expect(after.json.contacts.map((c: { email: string }) => c.email)).toEqual(['ines.gaps@example.org']);
		// The source list of the other event keeps both.
		expect((await ok('GET', `/events/${otherSlug}/contact-lists/${source}/contacts`, { token: alice }, 200)).json.total).toBe(2);
		expect(problems).toEqual([]);
	});

	it('test_survey_answers_import_answers_conform', async () => {
		problems.length = 0;
		// The factory's survey: a question of each kind, two of them asked per session (never imported).
		const body = openSurveyInput({ title: `Votre avis ${NASTY}` });
		const survey = await ok('PUT', `/events/${slug}/survey`, { token: alice, body }, 200);
		const id = (label: string) => survey.json.questions.find((q: { label: string }) => q.label === label).id as string;
		const [satisfaction, revenir, text] = [id('Satisfaction'), id('Revenir'), id('Garder')];
		const csv = [
			'Horodatage;Satisfaction;Revenir;Remarque',
			'2027-06-12;5;oui;Le café',
			'2027-06-12;9;non;',
			'2027-06-13;3;peut-être;'
		].join('\n');
		const preview = await ok('POST', `/events/${slug}/survey/import/preview`, { token: alice, body: csv, headers: CSV }, 200);
		expect(preview.json).toMatchObject({
			headers: ['Horodatage', 'Satisfaction', 'Revenir', 'Remarque'],
			lines: 3,
			guess: { [satisfaction]: 1, [revenir]: 2, [text]: -1 }
		});

		// Without a mapping, the columns named like the questions.
		const path = `/events/${slug}/survey/import`;
		const guessed = await ok('POST', path, { token: alice, body: csv, headers: CSV }, 200);
		expect(guessed.json.imported).toBe(1);
		expect(guessed.json.refused.map((r: { line: number }) => r.line)).toEqual([3, 4]);
		expect(guessed.json.refused[0].reason).toContain('« Satisfaction »');
		// The columns chosen: the remark is taken, the satisfaction left out.
		const mapped = await ok('POST', `${path}?mapping[${revenir}]=2&mapping[${text}]=3`, { token: alice, body: csv, headers: CSV }, 200);
		expect([mapped.json.imported, mapped.json.refused.map((r: { line: number }) => r.line)]).toEqual([2, [4]]);
		const results = await ok('GET', `/events/${slug}/survey/results`, { token: alice }, 200);
		expect(results.json.responses).toBe(3);

		const badColumn = await api('POST', `${path}?mapping[${text}]=12`, { token: alice, body: csv, headers: CSV });
		expect(badColumn.status).toBe(422);
		expect(badColumn.json.errors.map((e: { field: string }) => e.field)).toEqual([`mapping.${text}`]);
		expect((await api('POST', path, { token: alice, body: 'Horodatage\n', headers: CSV })).status).toBe(422);
		expect((await api('POST', path, { token: alice, body: { csv } })).status).toBe(400);
		expect((await api('POST', path, { token: reader, body: csv, headers: CSV })).status).toBe(403);
		expect((await api('POST', path, { token: outsider, body: csv, headers: CSV })).status).toBe(404);
		expect((await api('POST', `/events/${slug}/survey/import/preview`, { token: outsider, body: csv, headers: CSV })).status).toBe(404);
		// No survey yet at the other event.
		expect((await api('POST', `/events/${otherSlug}/survey/import`, { token: alice, body: csv, headers: CSV })).status).toBe(404);
		expect((await ok('GET', `/events/${slug}/survey/results`, { token: alice }, 200)).json.responses).toBe(3);
		expect(problems).toEqual([]);
	});

	it('test_every_driven_operation_was_checked_with_a_success', () => {
		expect(conformance.notSucceeded(DRIVEN_PARTS)).toEqual([]);
	});
});
