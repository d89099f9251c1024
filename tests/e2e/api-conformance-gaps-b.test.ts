// Real answers of the operations that close the gaps between the organisers' screens and the API
// (issue #19): an event's network settings, the report's display settings and certificates'
// signatory, the committee's import of organisers, the retro-planning's template and private .ics
// addresses, the previous edition's points made tasks, the outbox's retry, the national reviewers
// and one's own entry in the territory's directory. Checked against the OpenAPI document the app
// serves, with Ajv (openapi-conformance.ts), on both databases, as organisers, an administrator, a
// reader and an outsider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxOpenApi } from '#lib/server/admin/outbox.openapi.ts';
import { reviewerOpenApi } from '#lib/server/national/reviewer.openapi.ts';
import { networkSettingsOpenApi } from '#lib/server/network/network-settings.openapi.ts';
import { planningActionsOpenApi } from '#lib/server/planning/planning-actions.openapi.ts';
import { reportSettingsOpenApi } from '#lib/server/reports/report-settings.openapi.ts';
import { DIALECTS } from '../helpers/db.ts';
import { eventInput } from '../factories/index.ts';
import { OpenApiConformance, checkedCalls } from './openapi-conformance.ts';
import { Outbox, callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const DRIVEN_PARTS = [networkSettingsOpenApi, reportSettingsOpenApi, planningActionsOpenApi, outboxOpenApi, reviewerOpenApi];
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe.each(DIALECTS)('API answers of the last screens’ operations match the OpenAPI document on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let outbox: Outbox | undefined;
	let url: string;
	let conformance: OpenApiConformance;
	let alice: string;
	let reader: string;
	let admin: string;
	let outsider: string;
	let slug: string;
	const problems: string[] = [];

	const { api, ok } = checkedCalls(() => ({ url, conformance }), problems);

	beforeAll(async () => {
		running = await startAppOn(dialect, 'api-gaps-b');
		url = running.app.url;
		outbox = new Outbox(running.databaseUrl);
		[alice, reader, outsider, admin] = await Promise.all([
			createUserWithToken('alice.gaps@example.org', running.databaseUrl),
			createUserWithToken('rachid.gaps@example.org', running.databaseUrl),
			createUserWithToken('zoe.gaps@example.org', running.databaseUrl),
			createUserWithToken('admin.gaps@example.org', running.databaseUrl, ['--admin'])
		]);
		conformance = new OpenApiConformance((await callApi(url, 'GET', '/openapi.json')).json);
		const organisers = [
			{ name: `Association ${NASTY}`.slice(0, 120), type: 'association', role: 'lead' },
			{ name: 'Commune de Limoges', type: 'collectivite', role: 'partner' }
		];
		slug = (await ok('POST', '/events', { token: alice, body: eventInput({ title: `NEC ${NASTY}`, organisers, label: undefined }) }, 201))
			.json.slug;
		await ok('POST', `/events/${slug}/team`, { token: alice, body: { email: 'rachid.gaps@example.org', role: 'readonly' } }, 201);
	}, 120_000);

	afterAll(async () => {
		await outbox?.close();
		await running?.stop();
	});

	it('test_network_settings_and_own_territory_profile_answers_conform', async () => {
		problems.length = 0;
		const settings = `/events/${slug}/network-settings`;
		const saved = await ok('PUT', settings, { token: alice, body: { meetingPoint: `Hall ${NASTY}`, openDaysAfter: 30 } }, 200);
		expect(saved.json).toEqual({ meetingPoint: `Hall ${NASTY}`, openDaysAfter: 30 });
		expect((await ok('GET', settings, { token: reader }, 200)).json).toEqual(saved.json);
		expect((await api('GET', settings, { token: outsider })).status).toBe(404);
		const bad = await ok('PUT', settings, { token: alice, body: { meetingPoint: 'Hall', openDaysAfter: -1 } }, 422);
		expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['openDaysAfter']);
		expect((await api('PUT', settings, { token: reader, body: { meetingPoint: '', openDaysAfter: 1 } })).status).toBe(403);
		expect((await api('PUT', settings, { token: outsider, body: { meetingPoint: '', openDaysAfter: 1 } })).status).toBe(404);
		expect((await api('PUT', settings, { body: { meetingPoint: '', openDaysAfter: 1 } })).status).toBe(401);

		// One's own entry in the territory's directory: absent, written, read, refused when wrong, withdrawn.
		expect((await api('GET', '/network-profile', { token: alice })).status).toBe(404);
		const entry = {
			name: 'Alice Martin',
			structureName: `Tiers-lieu ${NASTY}`,
			departement: '87',
			activity: 'Médiation numérique',
			needs: 'Des salles',
			offers: NASTY,
			themes: [],
			publicOnStructure: true
		};
		const put = await ok('PUT', '/network-profile', { token: alice, body: entry, headers: { 'if-match': '"0"' } }, 200);
		expect(put.json).toMatchObject({ name: 'Alice Martin', departement: '87', offers: NASTY, publicOnStructure: true });
		expect(put.headers.get('etag')).toBe(`"${put.json.version}"`);
		const read = await ok('GET', '/network-profile', { token: alice }, 200);
		expect([read.json, read.headers.get('etag')]).toEqual([put.json, put.headers.get('etag')]);
		// Written from another tab since: "0" (no entry) and the first ETag are both out of date.
		const edited = await ok('PUT', '/network-profile', { token: alice, body: { ...entry, needs: 'Un vidéoprojecteur' } }, 200);
		for (const tag of ['"0"', put.headers.get('etag')!]) {
			const stale = await api('PUT', '/network-profile', { token: alice, body: entry, headers: { 'if-match': tag } });
			expect([stale.status, stale.headers.get('etag')]).toEqual([412, edited.headers.get('etag')]);
		}
		expect((await ok('GET', '/network-profile', { token: alice }, 200)).json.needs).toBe('Un vidéoprojecteur');
		const wrong = await ok(
			'PUT',
			'/network-profile',
			{ token: alice, body: { ...entry, departement: '999', themes: ['Pas un thème'] } },
			422
		);
		expect(wrong.json.errors.map((e: { field: string }) => e.field)).toEqual(['departement']);
		expect((await api('GET', '/network-profile', { token: outsider })).status).toBe(404);
		expect((await api('GET', '/network-profile', {})).status).toBe(401);
		await ok('DELETE', '/network-profile', { token: alice }, 204);
		expect((await api('GET', '/network-profile', { token: alice })).status).toBe(404);
		expect(problems).toEqual([]);
	});

	it('test_report_settings_signatory_and_improvement_points_answers_conform', async () => {
		problems.length = 0;
		const settings = `/events/${slug}/report/settings`;
		const choices = { hiddenSections: ['budget'], texts: { framing: NASTY }, showPerSession: false, verbatims: [NASTY] };
		const etag = (await ok('GET', `/events/${slug}/review`, { token: alice }, 200)).headers.get('etag')!;
		const saved = await ok('PUT', settings, { token: alice, body: choices, headers: { 'if-match': etag } }, 204);
		expect(saved.headers.get('etag')).not.toBe(etag);
		// The ETag read before that change no longer matches: nothing is written.
		expect((await api('PUT', settings, { token: alice, body: { ...choices, verbatims: [] }, headers: { 'if-match': etag } })).status).toBe(
			412
		);
		const invalid = await ok('PUT', settings, { token: alice, body: { ...choices, hiddenSections: ['nulle-part'] } }, 422);
		expect(invalid.json.errors[0].field).toMatch(/^hiddenSections/);
		expect((await api('PUT', settings, { token: reader, body: choices })).status).toBe(403);
		expect((await api('PUT', settings, { token: outsider, body: choices })).status).toBe(404);

		const signatory = `/events/${slug}/report/signatory`;
		await ok('PUT', signatory, { token: alice, body: { signatory: 'Awa Diallo, présidente', signature: PNG } }, 204);
		await ok('PUT', signatory, { token: alice, body: { signatory: 'Awa Diallo' } }, 204);
		const notImage = await ok('PUT', signatory, { token: alice, body: { signatory: 'Awa', signature: 'bm90IGFuIGltYWdl' } }, 422);
		expect(notImage.json.errors.map((e: { field: string }) => e.field)).toEqual(['signature']);
		const markup = await ok('PUT', signatory, { token: alice, body: { signatory: '<script>x</script>' } }, 422);
		expect(markup.json.errors.map((e: { field: string }) => e.field)).toEqual(['signatory']);
		expect((await api('PUT', signatory, { token: reader, body: { signatory: 'Rachid' } })).status).toBe(403);
		expect((await api('PUT', signatory, { token: outsider, body: { signatory: 'Zoé' } })).status).toBe(404);

		// The previous edition's « à améliorer » points, on the next edition, become framing tasks.
		expect((await ok('GET', `/events/${slug}/improvement-points`, { token: alice }, 200)).json).toEqual({ previous: null, points: [] });
		await ok('PUT', `/events/${slug}/review`, { token: alice, body: { toImprove: [{ theme: 'Accueil', text: NASTY }], toKeep: [] } }, 200);
		const next = (await ok('POST', `/events/${slug}/next-edition`, { token: alice }, 201)).json.slug as string;
		const points = await ok('GET', `/events/${next}/improvement-points`, { token: alice }, 200);
		expect(points.json.previous.slug).toBe(slug);
		expect(points.json.points).toMatchObject([{ index: 0, theme: 'Accueil', text: NASTY, isTask: false }]);
		expect((await api('POST', `/events/${next}/improvement-points/0/task`, { token: outsider })).status).toBe(404);
		expect((await api('GET', `/events/${next}/improvement-points`, { token: outsider })).status).toBe(404);
		await ok('POST', `/events/${next}/improvement-points/0/task`, { token: alice }, 204);
		await ok('POST', `/events/${next}/improvement-points/0/task`, { token: alice }, 204);
		expect((await ok('GET', `/events/${next}/improvement-points`, { token: alice }, 200)).json.points[0].isTask).toBe(true);
		const tasks = (await ok('GET', `/events/${next}/tasks`, { token: alice }, 200)).json;
		const title = points.json.points[0].title;
		expect(JSON.stringify(tasks).split(JSON.stringify(title)).length - 1).toBe(1);
		const unknown = await ok('POST', `/events/${next}/improvement-points/7/task`, { token: alice }, 422);
		expect(unknown.json.errors.map((e: { field: string }) => e.field)).toEqual(['point']);
		expect(problems).toEqual([]);
	});

	it('test_committee_import_template_and_task_feed_answers_conform', async () => {
		problems.length = 0;
		// An organiser taken off the committee comes back with the import, once.
		const committee = async () =>
			(await ok('GET', `/events/${slug}/committee`, { token: alice }, 200)).json as { id: string; name: string }[];
		const limoges = (await committee()).find((m) => m.name === 'Commune de Limoges');
		if (limoges) await ok('DELETE', `/events/${slug}/committee/${limoges.id}`, { token: alice }, 204);
		expect((await ok('POST', `/events/${slug}/committee/import-organisers`, { token: alice }, 200)).json).toEqual({ imported: 1 });
		expect((await committee()).filter((m) => m.name === 'Commune de Limoges')).toHaveLength(1);
		expect((await ok('POST', `/events/${slug}/committee/import-organisers`, { token: alice }, 200)).json).toEqual({ imported: 0 });
		expect((await api('POST', `/events/${slug}/committee/import-organisers`, { token: reader })).status).toBe(403);
		expect((await api('POST', `/events/${slug}/committee/import-organisers`, { token: outsider })).status).toBe(404);

		// A task of the template deleted comes back when the template is applied again, once.
		const tasks = async () => (await ok('GET', `/events/${slug}/tasks`, { token: alice }, 200)).json as { id: string; title: string }[];
		const [templated] = await tasks();
		await ok('DELETE', `/events/${slug}/tasks/${templated.id}`, { token: alice }, 204);
		expect((await ok('POST', `/events/${slug}/tasks/template`, { token: alice }, 200)).json).toEqual({ tasks: 1, logistics: 0 });
		expect((await tasks()).filter((t) => t.title === templated.title)).toHaveLength(1);
		expect((await ok('POST', `/events/${slug}/tasks/template`, { token: alice }, 200)).json).toEqual({ tasks: 0, logistics: 0 });
		expect((await api('POST', `/events/${slug}/tasks/template`, { token: reader })).status).toBe(403);
		expect((await api('POST', `/events/${slug}/tasks/template`, { token: outsider })).status).toBe(404);

		// Each member's private .ics address; a new one replaces the old at once.
		const feed = `/events/${slug}/task-feed`;
		expect((await ok('GET', feed, { token: reader }, 200)).json).toEqual({ all: null, mine: null });
		const first = (await ok('POST', feed, { token: reader }, 200)).json;
		expect((await ok('GET', feed, { token: reader }, 200)).json).toEqual(first);
		const second = (await ok('POST', feed, { token: reader }, 200)).json;
		expect(second.all).not.toBe(first.all);
		const ics = (address: string) => fetch(address.replace(/^https?:\/\/[^/]+/, url));
		expect((await ics(first.all)).status).toBe(404);
		const calendar = await ics(second.all);
		expect(calendar.status).toBe(200);
		expect(await calendar.text()).toContain('BEGIN:VCALENDAR');
		expect((await api('GET', feed, { token: outsider })).status).toBe(404);
		expect((await api('POST', feed, {})).status).toBe(401);
		expect(problems).toEqual([]);
	});

	it('test_outbox_retry_and_national_reviewers_answers_conform', async () => {
		problems.length = 0;
		// Without SMTP, the team invitation's message waits in the outbox; it is made to have failed.
		const message = await outbox!.handle.db
			.selectFrom('mail_message')
			.select('id')
			.where('to_address', '=', 'rachid.gaps@example.org')
			.executeTakeFirstOrThrow();
		const retry = `/admin/outbox/${message.id}/retry`;
		expect((await api('POST', retry, { token: admin })).status).toBe(409);
		await outbox!.handle.db.updateTable('mail_message').set({ status: 'failed', attempts: 8 }).where('id', '=', message.id).execute();
		expect((await api('POST', retry, { token: alice })).status).toBe(404);
		expect((await api('POST', retry, {})).status).toBe(401);
		await ok('POST', retry, { token: admin }, 204);
		const after = await outbox!.handle.db
			.selectFrom('mail_message')
			.select('status')
			.where('id', '=', message.id)
			.executeTakeFirstOrThrow();
		expect(after.status).not.toBe('failed');
		expect((await api('POST', '/admin/outbox/inconnu/retry', { token: admin })).status).toBe(404);

		expect((await ok('GET', '/national/reviewers', { token: admin }, 200)).json).toEqual([]);
		const added = await ok('POST', '/national/reviewers', { token: admin, body: { email: ' Rachid.Gaps@Example.org ' } }, 200);
		expect(added.json).toMatchObject([{ email: 'rachid.gaps@example.org' }]);
		const unknown = await ok('POST', '/national/reviewers', { token: admin, body: { email: 'personne@example.org' } }, 422);
		expect(unknown.json.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
		expect((await api('GET', '/national/reviewers', { token: alice })).status).toBe(403);
		expect((await api('POST', '/national/reviewers', { token: alice, body: { email: 'alice.gaps@example.org' } })).status).toBe(403);
		expect((await api('DELETE', `/national/reviewers/${added.json[0].id}`, { token: alice })).status).toBe(403);
		await ok('DELETE', `/national/reviewers/${added.json[0].id}`, { token: admin }, 204);
		expect((await ok('GET', '/national/reviewers', { token: admin }, 200)).json).toEqual([]);
		expect(problems).toEqual([]);
	});

	it('test_every_driven_operation_was_checked_with_a_success', () => {
		expect(conformance.notSucceeded(DRIVEN_PARTS)).toEqual([]);
	});
});
