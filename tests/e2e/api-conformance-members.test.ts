// Real answers of the operations on the members of the directory's structures (issue #15): a
// signed-in person asks to join a structure, a moderator then a member decide, a member edits the
// structure and one of its places directly, a stale version changes nothing, others are refused.
// Checked against the OpenAPI document the app serves, with Ajv (openapi-conformance.ts), on both
// databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryMembershipOpenApi } from '#lib/server/directory/membership.openapi.ts';
import { DIALECTS } from '../helpers/db.ts';
import { eventInput } from '../factories/index.ts';
import { placeRow, placesCsv } from '../factories/directory.ts';
import { OpenApiConformance, checkedCalls } from './openapi-conformance.ts';
import { Outbox, callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';
const SIRET = '44306184100047';
const STRUCTURE = `siret-${SIRET}`;

describe.each(DIALECTS)('API answers about structure members match the OpenAPI document on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let outbox: Outbox | undefined;
	let url: string;
	let conformance: OpenApiConformance;
	let [alice, ana, ben, admin, outsider] = ['', '', '', '', ''];
	const problems: string[] = [];
	const { api, ok } = checkedCalls(() => ({ url, conformance }), problems);

	beforeAll(async () => {
		running = await startAppOn(dialect, 'api-members');
		url = running.app.url;
		outbox = new Outbox(running.databaseUrl);
		[alice, ana, ben, outsider, admin] = await Promise.all([
			createUserWithToken('alice.members@example.org', running.databaseUrl),
			createUserWithToken('ana.members@example.org', running.databaseUrl),
			createUserWithToken('ben.members@example.org', running.databaseUrl),
			createUserWithToken('zoe.members@example.org', running.databaseUrl),
			createUserWithToken('admin.members@example.org', running.databaseUrl, ['--admin'])
		]);
		conformance = new OpenApiConformance((await callApi(url, 'GET', '/openapi.json')).json);
		const organisers = [{ name: `Emmaüs Connect ${NASTY}`.slice(0, 120), type: 'association', siret: SIRET, role: 'lead' }];
		const slug = (await ok('POST', '/events', { token: alice, body: eventInput({ organisers, label: undefined }) }, 201)).json.slug;
		await ok('PATCH', `/events/${slug}`, { token: alice, body: { status: 'published' } }, 200);
		const csv = placesCsv([placeRow({ id: 'ec-limoges', pivot: SIRET, nom: 'Emmaüs Connect Limoges' })]);
		await ok('POST', '/directory/places/import', { token: admin, body: csv, headers: { 'content-type': 'text/csv' } }, 200);
	}, 120_000);

	afterAll(async () => {
		await outbox?.close();
		await running?.stop();
	});

	it('test_requests_decisions_and_a_members_direct_edits_answer_conform', async () => {
		problems.length = 0;
		const members = `/directory/structures/${STRUCTURE}/members`;
		expect((await ok('GET', members, { token: ana }, 200)).json).toMatchObject({ me: 'none', canEdit: false, members: [] });
		const asked = await ok('POST', members, { token: ana, body: { note: NASTY } }, 201);
		expect(asked.json).toMatchObject({ me: 'pending', canEdit: false });
		expect((await api('POST', members, { token: ana, body: {} })).status).toBe(409);
		expect((await api('POST', members, { body: {} })).status).toBe(401);
		expect((await api('POST', '/directory/structures/nom-inconnue/members', { token: ana, body: {} })).status).toBe(404);
		await ok('POST', members, { token: ben, body: {} }, 201);

		// The moderators' queue, with addresses; no one else reads it.
		const queue = await ok('GET', '/directory/membership-requests', { token: admin }, 200);
		const anaId = queue.json.find((r: { email: string }) => r.email === 'ana.members@example.org').userId as string;
		const benId = queue.json.find((r: { email: string }) => r.email === 'ben.members@example.org').userId as string;
		expect(queue.json[0]).toMatchObject({ structureId: STRUCTURE, note: NASTY });
		expect((await api('GET', '/directory/membership-requests', { token: ana })).status).toBe(404);
		// Only a member or a moderator decides.
		expect((await api('PUT', `${members}/${anaId}`, { token: outsider, body: { decision: 'accepted' } })).status).toBe(403);
		expect((await api('PUT', `${members}/${anaId}`, { token: admin, body: { decision: 'peut-être' } })).status).toBe(422);
		await ok('PUT', `${members}/${anaId}`, { token: admin, body: { decision: 'accepted' } }, 200);
		const decided = await ok('PUT', `${members}/${benId}`, { token: ana, body: { decision: 'refused' } }, 200);
		expect(decided.json.members.map((m: { email: string | null; status: string }) => [m.status, m.email])).toEqual([['active', null]]);
		expect((await api('PUT', `${members}/${benId}`, { token: ana, body: { decision: 'accepted' } })).status).toBe(409);
		const told = await outbox!.written('ana.members@example.org', 'directory-membership-accepted');
		expect(told.text_body).toContain(`/annuaire/structures/${STRUCTURE}`);
		expect((await outbox!.written('ben.members@example.org', 'directory-membership-refused')).subject).toContain('Emmaüs Connect');

		// The structure, at the version read; the same version again is stale: 409, nothing written.
		const read = await ok('GET', members, { token: ana }, 200);
		const edit = { name: 'Emmaüs Connect Nouvelle-Aquitaine', type: 'association', commune: 'Limoges', version: read.json.version };
		const edited = await ok('PATCH', `/directory/structures/${STRUCTURE}`, { token: ana, body: edit }, 200);
		expect(edited.json).toMatchObject({ id: STRUCTURE, name: 'Emmaüs Connect Nouvelle-Aquitaine', commune: 'Limoges' });
		expect((await api('PATCH', `/directory/structures/${STRUCTURE}`, { token: ana, body: { ...edit, name: 'Autre' } })).status).toBe(409);
		const invalid = await ok(
			'PATCH',
			`/directory/structures/${STRUCTURE}`,
			{ token: ana, body: { ...edit, type: 'nulle', version: undefined } },
			422
		);
		expect(invalid.json.errors.map((e: { field: string }) => e.field)).toEqual(['type']);
		expect((await api('PATCH', `/directory/structures/${STRUCTURE}`, { token: ben, body: edit })).status).toBe(403);
		expect((await ok('GET', `/directory/structures/${STRUCTURE}`, {}, 200)).json.name).toBe('Emmaüs Connect Nouvelle-Aquitaine');

		// One of its places, by the schema's rules.
		const place = `/directory/structures/${STRUCTURE}/places/ec-limoges`;
		const changed = await ok('PATCH', place, { token: ana, body: { field: 'horaires', value: 'Mo-Fr 09:00-17:00', version: '1' } }, 200);
		expect(changed.json).toMatchObject({ id: 'ec-limoges', horaires: 'Mo-Fr 09:00-17:00' });
		expect((await api('PATCH', place, { token: ana, body: { field: 'horaires', value: 'Sa 10:00-12:00', version: '1' } })).status).toBe(
			409
		);
		const wrong = await ok('PATCH', place, { token: ana, body: { field: 'horaires', value: 'tous les jours' } }, 422);
		expect(wrong.json.errors[0].field).toBe('value');
		expect((await api('PATCH', place, { token: outsider, body: { field: 'horaires', value: 'Sa 10:00-12:00' } })).status).toBe(403);
		expect(
			(
				await api('PATCH', `/directory/structures/${STRUCTURE}/places/inconnu`, {
					token: ana,
					body: { field: 'horaires', value: 'Sa 10:00-12:00' }
				})
			).status
		).toBe(404);
		expect((await ok('GET', '/directory/places/ec-limoges', {}, 200)).json.horaires).toBe('Mo-Fr 09:00-17:00');

		// Leaving, and a moderator's removal.
		expect((await api('DELETE', `${members}/${anaId}`, { token: outsider })).status).toBe(404);
		await ok('DELETE', `${members}/${anaId}`, { token: ana }, 204);
		expect((await ok('GET', members, { token: ana }, 200)).json.me).toBe('none');
		await ok('POST', members, { token: ana, body: {} }, 201);
		await ok('DELETE', `${members}/${anaId}`, { token: admin }, 204);
		expect(problems).toEqual([]);
	});

	it('test_every_driven_operation_was_checked_with_a_success', () => {
		expect(conformance.notSucceeded([directoryMembershipOpenApi])).toEqual([]);
	});
});
