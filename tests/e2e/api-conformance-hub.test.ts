// Real answers of the operations an integrating hub needs beyond the first screens' API: the
// directory's moderation (corrections suggested by anyone and decided by moderators, structures
// merged), invitations to working groups, and a registration's history and confirmation sent
// again. Checked against the OpenAPI document the app serves, with Ajv (openapi-conformance.ts), on
// both databases, as organisers, an administrator, the public, a participant and an outsider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { directoryModerationOpenApi } from '#lib/server/directory/moderation.openapi.ts';
import { groupInvitationsOpenApi } from '#lib/server/groups/invitation.openapi.ts';
import { registrationPageOpenApi } from '#lib/server/registrations/registration-page.openapi.ts';
import { DIALECTS } from '../helpers/db.ts';
import { placeRow, placesCsv } from '../factories/directory.ts';
import { eventInput } from '../factories/index.ts';
import { registrationInput } from '../factories/registrations.ts';
import { OpenApiConformance, checkedCalls } from './openapi-conformance.ts';
import { callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const DRIVEN_PARTS = [directoryModerationOpenApi, groupInvitationsOpenApi, registrationPageOpenApi];
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';

describe.each(DIALECTS)('API answers of the hub operations match the OpenAPI document on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let url: string;
	let conformance: OpenApiConformance;
	let alice: string;
	let reader: string;
	let admin: string;
	let outsider: string;
	let slug: string;
	let otherSlug: string;
	const problems: string[] = [];

	const { api, ok } = checkedCalls(() => ({ url, conformance }), problems);
	const newEvent = async (title: string, organisers: unknown[]) => {
		const created = await ok('POST', '/events', { token: alice, body: eventInput({ title, organisers, label: undefined }) }, 201);
		await ok('PATCH', `/events/${created.json.slug}`, { token: alice, body: { status: 'published', capacity: 100 } }, 200);
		return created.json.slug as string;
	};
	const person = (firstName: string, email: string) =>
		registrationInput({ firstName, lastName: NASTY.slice(0, 40), email, structure: { name: `Tiers-lieu ${NASTY}`, type: 'tiers-lieu' } });
	const register = async (eventSlug: string, firstName: string, email: string) =>
		(await ok('POST', `/events/${eventSlug}/registrations`, { body: person(firstName, email) }, 201)).json as {
			id: string;
			manageToken: string;
		};

	beforeAll(async () => {
		// A tight limit on suggested corrections, to see the API share the pages' limit (429).
		running = await startAppOn(dialect, 'api-hub', { DIRECTORY_SUGGESTION_RATE_LIMIT: '4/1' });
		url = running.app.url;
		[alice, reader, outsider, admin] = await Promise.all([
			createUserWithToken('alice.hub@example.org', running.databaseUrl),
			createUserWithToken('rachid.hub@example.org', running.databaseUrl),
			createUserWithToken('zoe.hub@example.org', running.databaseUrl),
			createUserWithToken('admin.hub@example.org', running.databaseUrl, ['--admin'])
		]);
		conformance = new OpenApiConformance((await callApi(url, 'GET', '/openapi.json')).json);
		slug = await newEvent(`NEC ${NASTY}`, [
			{ name: 'Association Les Connectés', type: 'association', rna: 'W872000123', role: 'lead' },
			{ name: 'Les connectés', type: 'association', role: 'partner' }
		]);
		otherSlug = await newEvent('Forum voisin', [{ name: 'Commune de Limoges', type: 'collectivite', role: 'lead' }]);
		await ok('POST', `/events/${slug}/team`, { token: alice, body: { email: 'rachid.hub@example.org', role: 'readonly' } }, 201);
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('test_directory_corrections_and_structure_merges_answers_conform', async () => {
		problems.length = 0;
		const csv = placesCsv([placeRow({ id: 'hub-place', nom: `Médiathèque ${NASTY}`, horaires: 'Mo 10:00-12:00' })]);
		await ok('POST', '/directory/places/import', { token: admin, body: csv, headers: { 'content-type': 'text/csv' } }, 200);
		const structure = (await ok('GET', '/directory/structures?q=Limoges', {}, 200)).json.items[0];

		// Anyone suggests, without a token; the value is checked at once.
		const place = await ok(
			'POST',
			'/directory/places/hub-place/corrections',
			{ body: { field: 'horaires', value: 'Tu 10:00-12:00', note: NASTY, email: 'lea.hub@example.org' } },
			201
		);
		const named = await ok(
			'POST',
			`/directory/structures/${structure.id}/corrections`,
			{ body: { field: 'name', value: 'Ville de Limoges' } },
			201
		);
		const bad = await ok('POST', '/directory/places/hub-place/corrections', { body: { field: 'horaires', value: 'souvent' } }, 422);
		expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['value']);
		const refused = await ok(
			'POST',
			'/directory/places/hub-place/corrections',
			{ body: { field: 'horaires', value: 'We 10:00-12:00' } },
			201
		);
		// The fifth within the minute is over the limit shared with the pages' form.
		const limited = await ok(
			'POST',
			'/directory/places/hub-place/corrections',
			{ body: { field: 'horaires', value: 'Th 10:00-12:00' } },
			429
		);
		expect(limited.json.errors[0].message).toBe(MESSAGES.fr.directory.corrections.rateLimited);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

		// Moderators only: anyone else is told there is nothing here.
		expect((await api('GET', '/directory/corrections', { token: alice })).status).toBe(404);
		expect((await api('GET', '/directory/corrections', {})).status).toBe(401);
		const queue = await ok('GET', '/directory/corrections', { token: admin }, 200);
		expect(queue.json.map((c: { id: string }) => c.id)).toEqual([place.json.id, named.json.id, refused.json.id]);
		expect(queue.json[0]).toMatchObject({ kind: 'place', publicId: 'hub-place', current: 'Mo 10:00-12:00', note: NASTY });
		const decide = (id: string, decision: string, token = admin) =>
			api('POST', `/directory/corrections/${id}/decision`, { token, body: { decision } });
		const versionOf = (id: string) => queue.json.find((c: { id: string }) => c.id === id).version;
		expect((await decide(place.json.id, 'accepted', alice)).status).toBe(404);
		expect((await decide(place.json.id, 'peut-être')).status).toBe(422);
		const accepted = await ok(
			'POST',
			`/directory/corrections/${place.json.id}/decision`,
			{ token: admin, body: { decision: 'accepted', version: versionOf(place.json.id) } },
			200
		);
		expect(accepted.json).toEqual({ id: place.json.id, decision: 'accepted' });
		expect((await decide(place.json.id, 'refused')).status).toBe(409);
		// The place changed since the queue was read: accepting the other correction with that version applies nothing.
		const stale = await api('POST', `/directory/corrections/${refused.json.id}/decision`, {
			token: admin,
			body: { decision: 'accepted', version: versionOf(refused.json.id) }
		});
		expect(stale.status).toBe(412);
		await ok('POST', `/directory/corrections/${refused.json.id}/decision`, { token: admin, body: { decision: 'refused' } }, 200);
		await ok(
			'POST',
			`/directory/corrections/${named.json.id}/decision`,
			{ token: admin, body: { decision: 'accepted', version: versionOf(named.json.id) } },
			200
		);
		expect((await ok('GET', '/directory/places/hub-place', {}, 200)).json.horaires).toBe('Tu 10:00-12:00');
		expect((await ok('GET', `/directory/structures/${structure.id}`, {}, 200)).json.name).toBe('Ville de Limoges');
		expect((await ok('GET', '/directory/corrections', { token: admin }, 200)).json).toEqual([]);
		expect((await decide('inconnue', 'accepted')).status).toBe(404);

		// Two spellings of one association, merged then unmerged.
		const moderation = await ok('GET', '/directory/structure-merges', { token: admin }, 200);
		const [twins] = moderation.json.duplicates;
		expect(twins.map((s: { name: string }) => s.name).sort()).toEqual(['Association Les Connectés', 'Les connectés']);
		const into = twins.find((s: { rna: string | null }) => s.rna);
		const from = twins.find((s: { rna: string | null }) => !s.rna).id;
		const merge = { from, into: into.id, fromVersion: twins.find((s: { id: string }) => s.id === from).version, intoVersion: into.version };
		expect((await api('POST', '/directory/structure-merges', { token: alice, body: merge })).status).toBe(404);
		expect((await api('POST', '/directory/structure-merges', { token: admin, body: { from, into: from } })).status).toBe(422);
		expect((await api('POST', '/directory/structure-merges', { token: admin, body: { from: 'nom-inconnu', into: into.id } })).status).toBe(
			422
		);
		expect((await api('POST', '/directory/structure-merges', { token: admin, body: { ...merge, intoVersion: 'autrefois' } })).status).toBe(
			412
		);
		await ok('POST', '/directory/structure-merges', { token: admin, body: merge }, 204);
		const merged = await ok('GET', '/directory/structure-merges', { token: admin }, 200);
		expect(merged.json.merges).toMatchObject([{ from, into: into.id, intoName: 'Association Les Connectés' }]);
		expect((await ok('GET', `/directory/structures/${from}`, {}, 200)).json.id).toBe(into.id);
		expect((await api('DELETE', `/directory/structure-merges/${from}`, { token: alice })).status).toBe(404);
		await ok('DELETE', `/directory/structure-merges/${from}`, { token: admin }, 204);
		expect((await api('DELETE', `/directory/structure-merges/${from}`, { token: admin })).status).toBe(404);
		expect((await ok('GET', `/directory/structures/${from}`, {}, 200)).json.id).toBe(from);
		expect(problems).toEqual([]);
	});

	it('test_working_group_invitation_answers_conform', async () => {
		problems.length = 0;
		const group = (
			await ok('POST', `/events/${slug}/working-groups`, { token: alice, body: { title: `Suite ${NASTY}`.slice(0, 120) } }, 201)
		).json;
		const base = `/events/${slug}/working-groups/${group.id}/invitations`;
		const sent = await ok('POST', base, { token: alice, body: { email: 'Nina.Hub@Example.org' } }, 201);
		expect(sent.json).toMatchObject({ email: 'nina.hub@example.org', acceptedAt: null });
		const other = await ok('POST', base, { token: alice, body: { email: 'omar.hub@example.org' } }, 201);
		const listed = await ok('GET', base, { token: reader }, 200);
		expect(listed.json.map((i: { id: string }) => i.id)).toEqual([other.json.id, sent.json.id]);
		expect(listed.text).not.toContain('wgi_');
		expect((await api('POST', base, { token: alice, body: { email: 'pas-une-adresse' } })).status).toBe(422);
		expect((await api('POST', base, { token: reader, body: { email: 'x@example.org' } })).status).toBe(403);
		expect((await api('GET', base, { token: outsider })).status).toBe(404);
		expect((await api('POST', base, { token: outsider, body: { email: 'x@example.org' } })).status).toBe(404);
		expect((await api('GET', base, {})).status).toBe(401);
		// Under another event's address, the group does not exist.
		expect((await api('GET', `/events/${otherSlug}/working-groups/${group.id}/invitations`, { token: alice })).status).toBe(404);

		// A participant's private link invites only as a coordinator of the group; a made-up one is a 401.
		const nina = await register(slug, 'Nina', 'nina.hub@example.org');
		expect((await api('POST', base, { token: nina.manageToken, body: { email: 'x@example.org' } })).status).toBe(403);
		expect((await api('POST', base, { token: `mrg_${'x'.repeat(32)}`, body: { email: 'x@example.org' } })).status).toBe(401);

		expect((await api('DELETE', `${base}/${other.json.id}`, { token: reader })).status).toBe(403);
		expect((await api('DELETE', `${base}/${other.json.id}`, { token: outsider })).status).toBe(404);
		await ok('DELETE', `${base}/${other.json.id}`, { token: alice }, 204);
		expect((await api('DELETE', `${base}/${other.json.id}`, { token: alice })).status).toBe(404);
		expect((await ok('GET', base, { token: alice }, 200)).json.map((i: { id: string }) => i.id)).toEqual([sent.json.id]);
		expect(problems).toEqual([]);
	});

	it('test_registration_history_and_resend_answers_conform', async () => {
		problems.length = 0;
		const paul = await register(slug, 'Paul', 'paul.hub@example.org');
		const history = `/events/${slug}/registrations/${paul.id}/history`;
		const resend = `/events/${slug}/registrations/${paul.id}/resend-confirmation`;
		const before = await ok('GET', history, { token: reader }, 200);
		expect(before.json.messages.map((m: { kind: string }) => m.kind)).toEqual(['registration-confirmed']);
		expect(before.text).not.toContain(paul.manageToken);
		expect((await api('POST', resend, { token: reader })).status).toBe(403);
		expect((await api('POST', resend, { token: outsider })).status).toBe(404);
		expect((await api('GET', history, { token: outsider })).status).toBe(404);
		expect((await api('GET', history, {})).status).toBe(401);
		// Named under another event of the same team: not found there, nothing sent.
		expect((await api('GET', `/events/${otherSlug}/registrations/${paul.id}/history`, { token: alice })).status).toBe(404);
		expect((await api('POST', `/events/${otherSlug}/registrations/${paul.id}/resend-confirmation`, { token: alice })).status).toBe(404);
		expect((await ok('POST', resend, { token: alice }, 200)).json).toEqual({ to: 'paul.hub@example.org' });
		const after = await ok('GET', history, { token: alice }, 200);
		expect(after.json.messages).toHaveLength(2);
		expect(after.json.changes.map((c: { action: string; by: string }) => [c.action, c.by])).toEqual([
			['registration.confirmation-resent', 'alice.hub@example.org']
		]);

		// Corrected as on its page: the whole form again, checked; If-Match guards against a change made meanwhile.
		const edit = `/events/${slug}/registrations/${paul.id}`;
		const corrected = { ...person('Paul', 'paul.hub@example.org'), lastName: 'Martin-Diallo' };
		expect((await api('PUT', edit, { token: reader, body: corrected })).status).toBe(403);
		expect((await api('PUT', edit, { token: outsider, body: corrected })).status).toBe(404);
		expect((await api('PUT', `/events/${otherSlug}/registrations/${paul.id}`, { token: alice, body: corrected })).status).toBe(404);
		const invalid = await api('PUT', edit, { token: alice, body: { ...corrected, firstName: '' } });
		expect(invalid.status).toBe(422);
		expect(invalid.json.errors.map((e: { field: string }) => e.field)).toEqual(['firstName']);
		const version = (await ok('GET', `/registrations/${paul.id}`, { token: alice }, 200)).json.version;
		const stale = await api('PUT', edit, { token: alice, body: corrected, headers: { 'if-match': `"${version + 7}"` } });
		expect(stale.status).toBe(412);
		const edited = await ok('PUT', `${edit}?notify=false`, { token: alice, body: corrected, headers: { 'if-match': `"${version}"` } }, 200);
		expect(edited.json).toMatchObject({ id: paul.id, changed: ['name'] });
		expect((await ok('GET', `/registrations/${paul.id}`, { token: alice }, 200)).json.lastName).toBe('Martin-Diallo');

		await ok('DELETE', `/registrations/${paul.id}`, { token: alice }, 204);
		expect((await api('POST', resend, { token: alice })).status).toBe(409);
		expect((await api('PUT', edit, { token: alice, body: corrected })).status).toBe(409);

		// Erased for good: outsiders and readers cannot, and afterwards there is nothing.
		const erasure = `/events/${slug}/registrations/${paul.id}/erasure`;
		expect((await api('POST', erasure, { token: reader })).status).toBe(403);
		expect((await api('POST', erasure, { token: outsider })).status).toBe(404);
		expect((await api('POST', `/events/${otherSlug}/registrations/${paul.id}/erasure`, { token: alice })).status).toBe(404);
		await ok('POST', erasure, { token: alice }, 204);
		expect((await api('POST', erasure, { token: alice })).status).toBe(404);
		expect((await api('GET', history, { token: alice })).status).toBe(404);
		expect(problems).toEqual([]);
	});

	it('test_every_driven_operation_was_checked_with_a_success', () => {
		expect(conformance.notSucceeded(DRIVEN_PARTS)).toEqual([]);
	});
});
