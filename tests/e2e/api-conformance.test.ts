// Real answers of every documented operation, checked against the OpenAPI document the app
// serves (/api/v1/openapi.json), with Ajv: as organisers, as the public, as a participant with
// a private link, and as someone outside the team. Also: every JSON body the API takes answers a
// malformed or missing body with a documented 400, and an unknown /api/v1 route answers 404 with
// the API's JSON error body.
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { eventOpenApi } from '#lib/server/events/event.openapi.ts';
import { programmeOpenApi } from '#lib/server/programme/programme.openapi.ts';
import { registrationOpenApi } from '#lib/server/registrations/registration.openapi.ts';
import { preparationOpenApi } from '#lib/server/planning/preparation.openapi.ts';
import { webhookOpenApi } from '#lib/server/webhooks/webhook.openapi.ts';
import { DIALECTS } from '../helpers/db.ts';
import { OpenApiConformance, operationsOf } from './openapi-conformance.ts';
import { callApi, createUserWithToken, startAppOn, type AppOnDatabase, type ApiAnswer } from './support.ts';

// The parts this suite drives end to end; parts merged later are linted by
// openapi-validity.test.ts, and their answers belong in a scenario of their own here.
const DRIVEN_PARTS = [eventOpenApi, programmeOpenApi, registrationOpenApi, preparationOpenApi, webhookOpenApi];
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';

describe.each(DIALECTS)('API answers match the OpenAPI document on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let url: string;
	let doc: any;
	let conformance: OpenApiConformance;
	let alice: string;
	let outsider: string;
	let moderator: string;
	let slug: string;
	const problems: string[] = [];
	const ids: Record<string, string> = {};

	/** Calls the API and records whether the answer conforms to the document. */
	async function api(method: string, pathname: string, options: Parameters<typeof callApi>[3] = {}): Promise<ApiAnswer> {
		const answer = await callApi(url, method, pathname, options);
		problems.push(...conformance.problems(method, pathname, answer));
		return answer;
	}

	beforeAll(async () => {
		running = await startAppOn(dialect, 'api-conformance', { WEBHOOK_ALLOW_LOCALHOST: '1' });
		url = running.app.url;
		[alice, outsider, moderator] = await Promise.all([
			...['alice.conformance@example.org', 'zoe.conformance@example.org'].map((e) => createUserWithToken(e, running!.databaseUrl)),
			createUserWithToken('moderation.conformance@example.org', running!.databaseUrl, ['--admin'])
		]);
		doc = (await callApi(url, 'GET', '/openapi.json')).json;
		conformance = new OpenApiConformance(doc);
	});

	afterAll(async () => {
		await running?.stop();
	});

	beforeEach(() => {
		problems.length = 0;
	});

	it('test_organiser_answers_conform', async () => {
		const created = await api('POST', '/events', {
			token: alice,
			body: {
				title: `NEC ${NASTY}`,
				themes: ['Inclusion numérique', 'Communs numériques'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-11T17:00:00+02:00',
				format: 'hybrid',
				onlineUrl: 'https://visio.example.org/nec',
				venue: { name: 'Médiathèque « Le Phare »', inseeCode: '87085' }
			}
		});
		expect(created.status, created.text).toBe(201);
		slug = created.json.slug;
		await api('GET', '/events', { token: alice });
		await api('GET', `/events/${slug}`, { token: alice });
		const published = await api('PATCH', `/events/${slug}`, { token: alice, body: { status: 'published', capacity: 100 } });
		expect(published.status, published.text).toBe(200);

		const room = await api('POST', `/events/${slug}/rooms`, { token: alice, body: { name: 'Salle [A] : 1/2', capacity: 30 } });
		expect(room.status, room.text).toBe(201);
		ids.room = room.json.id;
		const spare = await api('POST', `/events/${slug}/rooms`, { token: alice, body: { name: 'Réserve', capacity: 5 } });
		await api('PATCH', `/events/${slug}/rooms/${spare.json.id}`, { token: alice, body: { capacity: 6 } });
		expect((await api('DELETE', `/events/${slug}/rooms/${spare.json.id}`, { token: alice })).status).toBe(204);
		await api('GET', `/events/${slug}/rooms`, { token: alice });

		const speaker = await api('POST', `/events/${slug}/speakers`, {
			token: alice,
			body: { name: 'Awa Diallo 🎤', organisation: 'Les « Connectés » & co', email: 'awa@example.org', travelCostCents: 12000 }
		});
		expect(speaker.status, speaker.text).toBe(201);
		ids.speaker = speaker.json.id;
		await api('PATCH', `/events/${slug}/speakers/${ids.speaker}`, { token: alice, body: { status: 'confirmed', bio: 'Médiatrice' } });
		await api('GET', `/events/${slug}/speakers`, { token: alice });
		await api('GET', `/events/${slug}/speakers/${ids.speaker}`, { token: alice });
		expect((await api('POST', `/events/${slug}/speakers/${ids.speaker}/invitation`, { token: alice })).status).toBe(202);
		const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#3355aa' } })
			.png()
			.toBuffer();
		const portrait = await api('PUT', `/events/${slug}/speakers/${ids.speaker}/portrait?alt=Portrait`, {
			token: alice,
			body: new Uint8Array(png),
			headers: { 'content-type': 'image/png' }
		});
		expect(portrait.status, portrait.text).toBe(200);
		// The event page's banner and logos: the image is the body, the fields in the query.
		const wide = await sharp({ create: { width: 900, height: 300, channels: 3, background: '#aa5533' } })
			.png()
			.toBuffer();
		const banner = await api('POST', `/events/${slug}/images?kind=banner&alt=${encodeURIComponent('Salle « Le Phare » & co')}`, {
			token: alice,
			body: new Uint8Array(wide),
			headers: { 'content-type': 'image/png' }
		});
		expect(banner.status, banner.text).toBe(201);
		const logo = await api('POST', `/events/${slug}/images?kind=funder&name=ANCT&alt=Logo&link=https%3A%2F%2Fexample.org`, {
			token: alice,
			body: new Uint8Array(png),
			headers: { 'content-type': 'image/png' }
		});
		expect(logo.status, logo.text).toBe(201);
		const noAlt = await api('POST', `/events/${slug}/images?kind=organiser`, {
			token: alice,
			body: new Uint8Array(png),
			headers: { 'content-type': 'image/png' }
		});
		expect(noAlt.status).toBe(422);
		expect(noAlt.json.errors.map((e: { field: string }) => e.field)).toContain('alt');
		const images = await api('GET', `/events/${slug}/images`, {});
		expect(images.status).toBe(200);
		expect(images.json.banner.alt).toBe('Salle « Le Phare » & co');
		expect(images.json.funders.map((f: { name: string }) => f.name)).toEqual(['ANCT']);
		expect((await api('DELETE', `/events/${slug}/images/${logo.json.id}`, { token: alice })).status).toBe(204);
		expect((await api('DELETE', `/events/${slug}/images/${logo.json.id}`, { token: alice })).status).toBe(404);
		const other = await api('POST', `/events/${slug}/speakers`, { token: alice, body: { name: 'Paul Martin' } });
		await api('DELETE', `/events/${slug}/speakers/${other.json.id}/portrait`, { token: alice });
		expect((await api('DELETE', `/events/${slug}/speakers/${other.json.id}`, { token: alice })).status).toBe(204);

		const session = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: {
				title: NASTY,
				format: 'workshop',
				startsAt: '2027-06-10T09:30:00+02:00',
				endsAt: '2027-06-10T11:00:00+02:00',
				roomId: ids.room,
				speakerIds: [ids.speaker],
				requiresRegistration: true,
				capacity: 20
			}
		});
		expect(session.status, session.text).toBe(201);
		ids.session = session.json.id;
		await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: { title: 'Déjeuner', format: 'social', startsAt: '2027-06-10T12:00:00+02:00' }
		});
		await api('PATCH', `/events/${slug}/sessions/${ids.session}`, { token: alice, body: { expectedAttendance: 18 } });
		await api('GET', `/events/${slug}/sessions`, { token: alice });
		await api('GET', `/events/${slug}/sessions/${ids.session}`, { token: alice });
		const link = await api('POST', `/events/${slug}/sessions/${ids.session}/resources`, {
			token: alice,
			body: { kind: 'link', title: 'Support', url: 'https://example.org/support.pdf' }
		});
		expect(link.status, link.text).toBe(201);
		const form = new FormData();
		form.set('title', 'Compte rendu');
		form.set('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'cr.pdf');
		await api('POST', `/events/${slug}/sessions/${ids.session}/resources`, { token: alice, body: form });
		expect((await api('DELETE', `/events/${slug}/sessions/${ids.session}/resources/${link.json.id}`, { token: alice })).status).toBe(204);
		const gone = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: { title: 'Pause', format: 'break', startsAt: '2027-06-10T15:00:00+02:00' }
		});
		expect((await api('DELETE', `/events/${slug}/sessions/${gone.json.id}`, { token: alice })).status).toBe(204);
		await api('GET', `/events/${slug}/conflicts`, { token: alice });
		await api('GET', `/events/${slug}/programme.ics`, { token: alice });
		await api('GET', `/events/${slug}/programme.json`, { token: alice });
		await api('GET', `/events/${slug}/schedule.xml`, { token: alice });

		const task = await api('POST', `/events/${slug}/tasks`, { token: alice, body: { title: NASTY, phase: 'framing', offsetDays: -30 } });
		expect(task.status, task.text).toBe(201);
		await api('GET', `/events/${slug}/tasks`, { token: alice });
		await api('GET', `/events/${slug}/tasks/${task.json.id}`, { token: alice });
		await api('PATCH', `/events/${slug}/tasks/${task.json.id}`, { token: alice, body: { status: 'done' } });
		await api('GET', `/events/${slug}/tasks.ics`, { token: alice });
		expect((await api('DELETE', `/events/${slug}/tasks/${task.json.id}`, { token: alice })).status).toBe(204);

		const budget = await api('PUT', `/events/${slug}/budget`, {
			token: alice,
			body: {
				lines: [
					{ kind: 'charge', account: '604', label: NASTY, plannedCents: 100_000, actualCents: 90_000 },
					{ kind: 'produit', account: '74', label: 'Région', plannedCents: 100_000, actualCents: 90_000, funder: 'region' }
				]
			}
		});
		expect(budget.status, budget.text).toBe(200);
		await api('GET', `/events/${slug}/budget`, { token: alice });
		for (const file of ['budget.xlsx', 'budget/report.xlsx', 'budget/lines.csv'])
			expect((await api('GET', `/events/${slug}/${file}`, { token: alice })).status, file).toBe(200);

		const hook = await api('POST', `/events/${slug}/webhooks`, {
			token: alice,
			body: { url: 'http://localhost:9/recevoir', events: ['registration.created', 'event.updated'] }
		});
		expect(hook.status, hook.text).toBe(201);
		expect(hook.json.secret).toMatch(/^whsec_/);
		const refused = await api('POST', `/events/${slug}/webhooks`, {
			token: alice,
			body: { url: 'https://192.168.1.10/hook', events: ['event.updated'] }
		});
		expect(refused.status).toBe(422);
		expect(refused.json.errors).toEqual([{ field: 'url', message: MESSAGES.fr.webhooks.errors.urlPrivate }]);
		expect((await api('POST', `/events/${slug}/webhooks/${hook.json.id}/test`, { token: alice })).status).toBe(202);
		await api('GET', `/events/${slug}/webhooks`, { token: alice });
		await api('GET', `/events/${slug}/webhooks/${hook.json.id}/deliveries`, { token: alice });
		const spareHook = await api('POST', `/events/${slug}/webhooks`, {
			token: alice,
			body: { url: 'http://localhost:9/b', events: ['checkin.created'] }
		});
		expect((await api('DELETE', `/events/${slug}/webhooks/${spareHook.json.id}`, { token: alice })).status).toBe(204);
		expect((await api('GET', `/events/${slug}/webhooks`, { token: outsider })).status).toBe(404);
		expect(problems).toEqual([]);
	});

	it('test_public_and_participant_answers_conform', async () => {
		await api('GET', '/events');
		await api('GET', `/events/${slug}`);
		await api('GET', `/events/${slug}/rooms`);
		const speakers = await api('GET', `/events/${slug}/speakers`);
		expect(speakers.json[0]).not.toHaveProperty('email');
		await api('GET', `/events/${slug}/speakers/${ids.speaker}`);
		await api('GET', `/events/${slug}/sessions`);
		await api('GET', `/events/${slug}/sessions/${ids.session}`);
		await api('GET', `/events/${slug}/programme.ics`);
		await api('GET', `/events/${slug}/programme.json`);
		const xml = await api('GET', `/events/${slug}/schedule.xml`);
		expect(xml.text).toContain('<schedule>');

		const person = {
			firstName: 'Zoé',
			lastName: 'L’Hôte « 🎉 »',
			email: 'zoe.participant@example.org',
			structure: { name: 'Tiers-lieu [La Fabrique] & co', type: 'association' },
			role: 'mediateur-numerique',
			inseeCode: '87085',
			sessionIds: [ids.session],
			consents: { terms: true, newsletter: false, photos: true }
		};
		const registered = await api('POST', `/events/${slug}/registrations`, { body: person });
		expect(registered.status, registered.text).toBe(201);
		const again = await api('POST', `/events/${slug}/registrations`, { body: person });
		expect(again.status).toBe(200);
		const mine = await api('GET', `/registrations/${registered.json.id}`, { token: registered.json.manageToken });
		expect(mine.status, mine.text).toBe(200);
		await api('GET', `/events/${slug}/registrations`, { token: alice });
		await api('GET', `/events/${slug}/stats`, { token: alice });
		await api('GET', `/registrations/${registered.json.id}`, { token: alice });
		expect((await api('DELETE', `/registrations/${registered.json.id}`, { token: registered.json.manageToken })).status).toBe(204);
		expect(problems).toEqual([]);
	});

	it('test_error_answers_conform', async () => {
		// Outside the team, without a token, with a bad token, with bad input.
		expect((await api('GET', `/events/${slug}/tasks`, { token: outsider })).status).toBe(404);
		expect((await api('GET', `/events/${slug}/budget`)).status).toBe(404);
		expect((await api('PATCH', `/events/${slug}`, { token: 'mlg_nope', body: { title: 'x' } })).status).toBe(401);
		expect((await api('POST', `/events/${slug}/rooms`, { body: { name: 'x' } })).status).toBe(401);
		expect((await api('POST', `/events/${slug}/rooms`, { token: alice, body: { name: '' } })).status).toBe(422);
		expect((await api('GET', '/events/nope-nope')).status).toBe(404);
		expect((await api('GET', `/registrations/00000000-0000-0000-0000-000000000000`, { token: alice })).status).toBe(404);
		expect(problems).toEqual([]);
	});

	it('test_every_json_body_refuses_malformed_and_missing_bodies_with_400', async () => {
		const withJsonBody = operationsOf(doc).filter(
			// Registrations and survey answers are authenticated by the registration's private link,
			// checked before the body is read (401 first): their 400s are in their own API tests.
			(o) =>
				doc.paths[o.path][o.method].requestBody?.content?.['application/json'] &&
				!o.path.includes('/registrations/') &&
				!o.path.endsWith('/survey/responses')
		);
		expect(withJsonBody.length).toBeGreaterThan(8);
		const concrete = (p: string) =>
			p
				.replace('{slug}', slug)
				.replace('{id}', p.includes('/rooms/') ? ids.room : p.includes('/speakers/') ? ids.speaker : ids.session)
				.replace('{resourceId}', 'x');
		for (const o of withJsonBody) {
			const path = concrete(o.path);
			const method = o.method.toUpperCase();
			// The directory's import is for moderators (checked before the body is read); the rest for the team.
			const token = o.path.startsWith('/directory/') ? moderator : alice;
			const malformed = await api(method, path, { token, body: '{"title": ', headers: { 'content-type': 'application/json' } });
			expect(malformed.status, `${method} ${path}`).toBe(400);
			expect(malformed.json.errors[0].message).toBe(MESSAGES.fr.errors.malformedJson);
			// A body the document calls optional (a label request) may be left out.
			if (doc.paths[o.path][o.method].requestBody.required === false) continue;
			const missing = await api(method, path, { token });
			expect(missing.status, `${method} ${path}`).toBe(400);
		}
		expect(problems).toEqual([]);
	});

	it('test_every_driven_operation_was_checked_with_a_success', () => {
		const driven = DRIVEN_PARTS.flatMap((part) => operationsOf({ paths: part.paths as any }).map((o) => `${o.method} ${o.path}`));
		const succeeded = new Set(
			operationsOf(doc)
				.filter((o) => [...(conformance.seen.get(o.operationId) ?? [])].some((s) => s < 300))
				.map((o) => `${o.method} ${o.path}`)
		);
		expect(driven.filter((o) => !succeeded.has(o))).toEqual([]);
	});

	it('test_unknown_api_routes_answer_404_with_the_json_error_body', async () => {
		for (const [method, path] of [
			['GET', '/nope'],
			['POST', `/events/${slug}/nope`],
			['DELETE', '/events/a/b/c/d/e']
		]) {
			const res = await callApi(url, method, path, { token: alice });
			expect(res.status, path).toBe(404);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			expect(res.json).toEqual({ errors: [{ field: '_', message: MESSAGES.fr.interop.api.unknownRoute }] });
		}
		const en = await callApi(url, 'GET', '/nope', { headers: { 'accept-language': 'en' } });
		expect(en.json.errors[0].message).toBe(MESSAGES.en.interop.api.unknownRoute);
	});
});
