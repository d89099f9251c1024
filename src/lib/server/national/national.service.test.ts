import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { openServiceDb, issuesThrownBy } from '../../../../tests/helpers/service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import { newAttendee } from '../../../../tests/factories/national.ts';
import { createEvent, type ServiceContext } from '../events/event.service.ts';
import { getNationalFigures, listNationalEvents, parseNationalFilter } from './national.service.ts';

/** A context whose database counts the statements it runs. */
function counting(ctx: ServiceContext): { ctx: ServiceContext; count: () => number } {
	let n = 0;
	const plugin: KyselyPlugin = {
		transformQuery: (args) => {
			n++;
			return args.node;
		},
		transformResult: async (args) => args.result
	};
	return { ctx: { ...ctx, db: ctx.db.withPlugin(plugin) }, count: () => n };
}

describe.each(DIALECTS)('national view (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_listNationalEvents_showsPublishedEvents_neverDrafts_andFilters', async () => {
		const owner = await newUser(t.db);
		const limoges = await newPublishedEvent(t.db, owner, {
			title: 'NEC Limousin 2031',
			startsAt: '2031-06-10T09:00:00+02:00',
			endsAt: '2031-06-10T17:00:00+02:00'
		});
		const lyon = await newPublishedEvent(t.db, owner, {
			title: 'NEC Rhône 2031',
			startsAt: '2031-09-10T09:00:00+02:00',
			endsAt: '2031-09-10T17:00:00+02:00',
			format: 'hybrid',
			onlineUrl: 'https://visio.exemple.fr/nec',
			themes: ['Inclusion numérique', 'Communs'],
			venue: { name: 'Hôtel de région', inseeCode: '69123' },
			organisers: [{ name: 'Ville de Lyon', type: 'collectivite', role: 'lead' }]
		});
		await createEvent(
			ctx,
			owner,
			eventInput({ title: 'Brouillon secret 2031', startsAt: '2031-05-10T09:00:00+02:00', endsAt: '2031-05-10T17:00:00+02:00' })
		);

		const all = await listNationalEvents(ctx, parseNationalFilter({ year: '2031' }));
		expect(all.items.map((e) => e.title)).toEqual(['NEC Limousin 2031', 'NEC Rhône 2031']);
		expect(all.total).toBe(2);
		expect(all.items[1]).toMatchObject({
			slug: lyon.slug,
			url: `http://localhost:3000/e/${lyon.slug}`,
			departement: '69',
			region: '84',
			format: 'hybrid',
			source: 'local',
			label: 'requested'
		});
		expect(all.items[0]).toMatchObject({ slug: limoges.slug, departement: '87', region: '75' });

		const byRegion = await listNationalEvents(ctx, parseNationalFilter({ year: '2031', region: '84' }));
		expect(byRegion.items.map((e) => e.slug)).toEqual([lyon.slug]);
		const byType = await listNationalEvents(ctx, parseNationalFilter({ year: '2031', organiserType: 'hub' }));
		expect(byType.items.map((e) => e.slug)).toEqual([limoges.slug]);
		const byAxis = await listNationalEvents(ctx, parseNationalFilter({ year: '2031', axis: 'inclusion NUMERIQUE' }));
		expect(byAxis.items.map((e) => e.slug)).toEqual([lyon.slug]);
		const byFormat = await listNationalEvents(ctx, parseNationalFilter({ year: '2031', format: 'hybrid', departement: '69' }));
		expect(byFormat.items.map((e) => e.slug)).toEqual([lyon.slug]);
		expect(issuesThrownBy(() => parseNationalFilter({ year: 'abc', format: 'zoom' }))).toEqual([
			'year:errors.integer',
			'format:errors.invalidChoice'
		]);
	});

	it('test_getNationalFigures_countsAttendedPeople_distinctStructures_andElus', async () => {
		const owner = await newUser(t.db);
		const a = await newPublishedEvent(t.db, owner, { startsAt: '2032-03-10T09:00:00+01:00', endsAt: '2032-03-10T17:00:00+01:00' });
		const b = await newPublishedEvent(t.db, owner, {
			startsAt: '2032-10-10T09:00:00+02:00',
			endsAt: '2032-10-10T17:00:00+02:00',
			venue: { name: 'Mairie', inseeCode: '24322' },
			format: 'onsite'
		});
		const draft = await createEvent(ctx, owner, eventInput({ startsAt: '2032-05-10T09:00:00+02:00', endsAt: '2032-05-10T17:00:00+02:00' }));
		await newAttendee(t.db, a.id, { structure: 'Médiathèque de Limoges', halfDays: 2 });
		await newAttendee(t.db, a.id, { structure: '  MÉDIATHÈQUE de Limoges ' });
		await newAttendee(t.db, a.id, { structure: 'Mairie', role: 'elu' });
		await newAttendee(t.db, a.id, { structure: 'Absents', checkedIn: false });
		await newAttendee(t.db, b.id, { structure: 'Mairie', commune: 'Périgueux', role: 'elu' });
		await newAttendee(t.db, draft.id, { structure: 'Secret' });

		const f = await getNationalFigures(ctx, { year: 2032 });

		expect(f).toMatchObject({
			events: 2,
			participants: 4,
			structures: 3,
			elus: 2,
			departementsCovered: 2,
			departements: { '87': 1, '24': 1 }
		});
		expect(f.byRegion).toEqual({ '75': { events: 2, participants: 4 } });
		expect(f.byYear).toEqual({ '2032': { events: 2, participants: 4, elus: 2 } });
		expect(f.formats).toEqual({ onsite: 2 });
		expect(f.axes[0]).toEqual({ axis: 'Médiation numérique', events: 2 });
	});

	it('test_nationalQueries_doNotGrowWithTheNumberOfEvents', async () => {
		const owner = await newUser(t.db);
		const run = async (year: number, n: number) => {
			for (let i = 0; i < n; i++) {
				const e = await newPublishedEvent(t.db, owner, {
					startsAt: `${year}-06-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00+02:00`,
					endsAt: `${year}-06-${String(1 + (i % 28)).padStart(2, '0')}T17:00:00+02:00`
				});
				await newAttendee(t.db, e.id);
			}
			const c = counting(ctx);
			const list = await listNationalEvents(c.ctx, { year });
			const afterList = c.count();
			const figures = await getNationalFigures(c.ctx, { year });
			const afterFirst = c.count();
			// Nothing changed since: the stored figures are read as they are.
			const again = await getNationalFigures(c.ctx, { year });
			expect(list.total).toBe(n);
			expect(figures.participants).toBe(n);
			expect(again).toEqual(figures);
			return [afterList, afterFirst - afterList, c.count() - afterFirst];
		};

		const two = await run(2040, 2);
		expect(two).toEqual(await run(2041, 20));
		expect(two[2]).toBe(2);
	});
});
