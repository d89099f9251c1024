import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { openServiceDb, issuesOf } from '../../../../tests/helpers/service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError } from '../validation.ts';
import { listNationalEvents } from '../national/national.service.ts';
import { followInstance, syncAllInstances, syncInstance } from './federation.service.ts';

/** A stand-in for another instance: answers /events.json with whatever the test sets. */
function fakeInstance() {
	let reply: (res: import('node:http').ServerResponse) => void = (res) => res.end('{}');
	const server: Server = createServer((req, res) => reply(res));
	return {
		start: () =>
			new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
		set: (fn: typeof reply) => (reply = fn),
		stop: () => new Promise((r) => server.close(r))
	};
}

const event = (base: string, n: number, extra: Record<string, unknown> = {}) => ({
	'@type': 'Event',
	'@id': `${base}/e/nec-${n}`,
	name: `NEC distant ${n}`,
	startDate: '2028-03-10T09:00:00+01:00',
	endDate: '2028-03-10T17:00:00+01:00',
	eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
	keywords: 'Communs, Inclusion',
	location: { '@type': 'Place', address: { addressLocality: 'Bordeaux' } },
	organizer: [{ name: 'Hub Gironde' }],
	additionalProperty: [
		{ propertyID: 'departement', value: '33' },
		{ propertyID: 'label', value: 'granted' }
	],
	...extra
});
const feed = (events: unknown[]) => JSON.stringify({ '@context': 'https://schema.org', '@type': 'DataFeed', dataFeedElement: events });

describe.each(DIALECTS)('federation (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	const other = fakeInstance();
	const broken = fakeInstance();
	let base: string;
	let brokenBase: string;
	let admin: Awaited<ReturnType<typeof newUser>>;
	let id: string;
	let brokenId: string;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		base = await other.start();
		brokenBase = await broken.start();
		admin = await newUser(t.db, { isAdmin: true });
		id = (await followInstance(ctx, admin, { url: `${base}/` })).id;
		brokenId = (await followInstance(ctx, admin, { url: brokenBase })).id;
	});
	afterAll(async () => {
		await other.stop();
		await broken.stop();
		await t.close();
	});
	const remote = async () => (await listNationalEvents(ctx, { year: 2028 })).items.filter((e) => e.source !== 'local');

	it('test_follow_isForAdmins_andOncePerInstance', async () => {
		const user = await newUser(t.db);
		await expect(followInstance(ctx, user, { url: 'https://hub.exemple.fr' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(followInstance(ctx, admin, { url: base })).rejects.toBeInstanceOf(ConflictError);
		expect(await issuesOf(followInstance(ctx, admin, { url: 'ftp://hub' }))).toEqual(['url:errors.url']);
		expect(await issuesOf(followInstance(ctx, admin, { url: 'http://localhost:3000/' }))).toEqual(['url:national.errors.followSelf']);
	});

	it('test_sync_marksTheSource_neverDoubles_andDropsRemovedEvents', async () => {
		other.set((res) => res.end(feed([event(base, 1), event(base, 2), event(base, 2)])));
		await syncInstance(ctx, id);
		await syncInstance(ctx, id);
		let items = await remote();
		expect(items.map((e) => e.title)).toEqual(['NEC distant 1', 'NEC distant 2']);
		expect(items[0]).toMatchObject({
			source: base,
			departement: '33',
			region: '75',
			label: 'granted',
			commune: 'Bordeaux',
			themes: ['Communs', 'Inclusion']
		});
		expect((await listNationalEvents(ctx, { year: 2028, source: 'local' })).items.filter((e) => e.source !== 'local')).toEqual([]);

		other.set((res) => res.end(feed([event(base, 2)])));
		await syncInstance(ctx, id);
		items = await remote();
		expect(items.map((e) => e.title)).toEqual(['NEC distant 2']);
	});

	it('test_sync_keepsHtmlAsText_andDropsEventsClaimingAnotherSite', async () => {
		other.set((res) =>
			res.end(feed([event(base, 3, { name: '<img src=x onerror=alert(1)>NEC' }), event('https://ailleurs.exemple.fr', 4)]))
		);
		await syncInstance(ctx, id);
		const items = await remote();
		expect(items.map((e) => e.title)).toEqual(['<img src=x onerror=alert(1)>NEC']);
	});

	it('test_badFeeds_areSkipped_orCut_andTheOthersStillRead', async () => {
		other.set((res) => res.end(feed([event(base, 5)])));
		const limits = { timeoutMs: 300, maxBytes: 50_000, maxEvents: 3 };

		broken.set((res) => res.end('<html>pas du JSON</html>'));
		const [a, b] = await syncAllInstances(ctx, limits);
		expect([a.status, b.status].sort()).toEqual(['error', 'ok']);

		broken.set(() => {}); // never answers
		expect((await syncInstance(ctx, brokenId, limits)).error).toBe('timeout');

		broken.set((res) => res.end('x'.repeat(60_000)));
		expect((await syncInstance(ctx, brokenId, limits)).error).toMatch(/larger than/);

		broken.set((res) => res.end(feed(Array.from({ length: 100 }, (_, i) => event(brokenBase, i)))));
		expect(await syncInstance(ctx, brokenId, limits)).toMatchObject({ status: 'ok', events: 3 });

		broken.set((res) => {
			res.statusCode = 500;
			res.end('oops');
		});
		expect(await syncInstance(ctx, brokenId, limits)).toMatchObject({ status: 'error', error: 'HTTP 500', events: 3 });
		expect((await remote()).map((e) => e.source).filter((s) => s === base)).toHaveLength(1);
	});
});
