// ActivityPub between two real Maillage processes on loopback: a hub (SQLite) publishes its events;
// a national instance (PostgreSQL when available) follows it. WebFinger, actors, outbox and the
// event as an object on its public URL; the Follow answered by an Accept; a new event (Create), a
// change (Update) and an unpublished event (Delete) reaching the national view; an activity signed
// with a key that is not the actor's, or not signed, refused (401) and stored nowhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCryptoKeyPair, signRequest } from '@fedify/fedify';
import { DIALECTS } from '../helpers/db.ts';
import { callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const AP = 'application/activity+json';
const ENV = { ACTIVITYPUB_ANNOUNCE_MS: '300' };

function eventBody(title: string, day: string) {
	return {
		title,
		description: 'Une journée pour un numérique d’intérêt général.\n\n<script>alert(1)</script>',
		themes: ['Médiation numérique', 'Communs'],
		startsAt: `2027-${day}T09:00:00+02:00`,
		endsAt: `2027-${day}T17:00:00+02:00`,
		format: 'onsite',
		venue: { name: 'Espace Noriac', inseeCode: '87085' },
		organisers: [{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', role: 'lead' }]
	};
}

/** Polls `read` until `done` holds (every 100 ms, 20 s at most); returns the last value read. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
	const deadline = Date.now() + 20_000;
	let v = await read();
	while (!done(v) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
		v = await read();
	}
	return v;
}

async function getAp(url: string): Promise<{ status: number; json: any; type: string }> {
	const res = await fetch(url, { headers: { accept: AP } });
	const text = await res.text();
	return { status: res.status, type: res.headers.get('content-type') ?? '', json: text.startsWith('{') ? JSON.parse(text) : null };
}

describe('ActivityPub between two instances', () => {
	let hub: AppOnDatabase;
	let national: AppOnDatabase;
	let owner: string, admin: string;
	const titles = () =>
		callApi(national.app.url, 'GET', '/national/events?year=2027').then((r) => (r.json.items as { title: string }[]).map((e) => e.title));

	beforeAll(async () => {
		[hub, national] = await Promise.all([startAppOn('sqlite', 'ap-hub', ENV), startAppOn(DIALECTS.at(-1)!, 'ap-national', ENV)]);
		[owner, admin] = await Promise.all([
			createUserWithToken('porteuse@hub.test', hub.databaseUrl),
			createUserWithToken('admin@national.test', national.databaseUrl, ['--admin'])
		]);
	});

	afterAll(async () => {
		await Promise.all([hub?.stop(), national?.stop()]);
	});

	it('test_hub_publishesActors_webfinger_outbox_andEventsAsObjects', async () => {
		const created = await callApi(hub.app.url, 'POST', '/events', { token: owner, body: eventBody('NEC du hub, déjà publié', '05-20') });
		expect(created.status).toBe(201);
		expect(
			(await callApi(hub.app.url, 'PATCH', `/events/${created.json.slug}`, { token: owner, body: { status: 'published' } })).status
		).toBe(200);

		const host = new URL(hub.app.url).host;
		const finger = await fetch(`${hub.app.url}/.well-known/webfinger?resource=${encodeURIComponent(`acct:instance@${host}`)}`);
		expect(finger.status).toBe(200);
		const self = (await finger.json()).links.find((l: { rel: string }) => l.rel === 'self');
		expect(self.href).toBe(`${hub.app.url}/ap/actors/instance`);

		const actor = await getAp(self.href);
		expect(actor.json).toMatchObject({ type: 'Application', inbox: `${hub.app.url}/ap/actors/instance/inbox` });
		expect(actor.json.publicKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');
		const structure = await getAp(`${hub.app.url}/ap/actors/s-hub-nouvelle-aquitaine`);
		expect(structure.json).toMatchObject({ type: 'Organization', name: 'Hub Nouvelle-Aquitaine' });
		expect((await getAp(`${hub.app.url}/ap/actors/s-inconnue`)).status).toBe(404);

		const outbox = await getAp(`${hub.app.url}/ap/actors/instance/outbox`);
		expect(outbox.json.totalItems).toBe(1);
		const object = await getAp(`${hub.app.url}/e/${created.json.slug}`);
		expect(object.type).toContain('json');
		expect(object.json).toMatchObject({ type: 'Event', id: `${hub.app.url}/e/${created.json.slug}`, name: 'NEC du hub, déjà publié' });
		expect(object.json.content).not.toContain('<script>');
		// The same address still answers a browser with the page.
		const page = await fetch(`${hub.app.url}/e/${created.json.slug}`, { headers: { accept: 'text/html' } });
		expect(page.headers.get('content-type')).toContain('text/html');
		await page.arrayBuffer();
	});

	it('test_national_followsHub_andReceivesCreate_Update_Delete', async () => {
		const followed = await callApi(national.app.url, 'POST', '/national/instances', {
			token: admin,
			body: { url: hub.app.url, protocol: 'activitypub' }
		});
		expect(followed.status).toBe(201);
		expect(followed.json).toMatchObject({ protocol: 'activitypub', events: 1 });
		// The outbox was read at once: the event published before the follow is there.
		expect(await titles()).toEqual(['NEC du hub, déjà publié']);
		const instances = await until(
			() => callApi(national.app.url, 'GET', '/national/instances', { token: admin }),
			(r) => r.json[0]?.status === 'ok'
		);
		expect(instances.json[0].status).toBe('ok');
		const followers = await getAp(`${hub.app.url}/ap/actors/instance/followers`);
		expect(followers.json.totalItems).toBe(1);

		// Create.
		const created = await callApi(hub.app.url, 'POST', '/events', { token: owner, body: eventBody('NEC de Limoges 2027', '06-10') });
		const slug = created.json.slug;
		await callApi(hub.app.url, 'PATCH', `/events/${slug}`, { token: owner, body: { status: 'published' } });
		expect(await until(titles, (t) => t.includes('NEC de Limoges 2027'))).toContain('NEC de Limoges 2027');
		const list = await callApi(national.app.url, 'GET', '/national/events?year=2027');
		expect(list.json.items.find((e: { title: string }) => e.title === 'NEC de Limoges 2027')).toMatchObject({
			url: `${hub.app.url}/e/${slug}`,
			source: hub.app.url,
			commune: 'Limoges',
			departement: '87',
			region: '75',
			organisers: [{ name: 'Hub Nouvelle-Aquitaine' }]
		});

		// Update.
		await callApi(hub.app.url, 'PATCH', `/events/${slug}`, { token: owner, body: { title: 'NEC de Limoges 2027 (nouvelle salle)' } });
		expect(await until(titles, (t) => t.includes('NEC de Limoges 2027 (nouvelle salle)'))).toEqual([
			'NEC du hub, déjà publié',
			'NEC de Limoges 2027 (nouvelle salle)'
		]);

		// Delete: back to draft at the hub, gone from the national view.
		expect((await callApi(hub.app.url, 'PATCH', `/events/${slug}`, { token: owner, body: { status: 'draft' } })).status).toBe(200);
		expect(await until(titles, (t) => t.length === 1)).toEqual(['NEC du hub, déjà publié']);
	});

	it('test_national_refusesForgedAndUnsignedActivities', async () => {
		const hubActor = `${hub.app.url}/ap/actors/instance`;
		const forged = {
			'@context': 'https://www.w3.org/ns/activitystreams',
			id: `${hub.app.url}/e/faux#create`,
			type: 'Create',
			actor: hubActor,
			object: {
				id: `${hub.app.url}/e/faux`,
				type: 'Event',
				name: 'Événement contrefait',
				startTime: '2027-07-01T07:00:00Z',
				endTime: '2027-07-01T15:00:00Z'
			}
		};
		const post = (headers: Record<string, string> = {}) =>
			new Request(`${national.app.url}/ap/inbox`, {
				method: 'POST',
				headers: { 'content-type': AP, ...headers },
				body: JSON.stringify(forged)
			});
		const unsigned = await fetch(post());
		expect(unsigned.status).toBe(401);
		await unsigned.arrayBuffer();

		// Signed, claiming the hub's key, with a key that is not the hub's.
		const { privateKey } = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
		const keyId = (await getAp(hubActor)).json.publicKey.id as string;
		const signed = await signRequest(post(), privateKey, new URL(keyId));
		const refused = await fetch(signed);
		expect(refused.status).toBe(401);
		await refused.arrayBuffer();

		expect(await titles()).not.toContain('Événement contrefait');
	});
});
