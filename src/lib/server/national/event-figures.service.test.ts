import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import { newAttendee } from '../../../../tests/factories/national.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { purgeExpiredRegistrations } from '../registrations/reminders.service.ts';
import { getReport } from '../reports/report.service.ts';
import { getNationalFigures } from './national.service.ts';

describe.each(DIALECTS)('event figures (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_eventFigures_followRegistrationsAndCheckins_throughTheStaleMark', async () => {
		const owner = await newUser(t.db);
		const e = await newPublishedEvent(t.db, owner, { startsAt: '2033-03-10T09:00:00+01:00', endsAt: '2033-03-10T17:00:00+01:00' });
		await newAttendee(t.db, e.id, { structure: 'Médiathèque' });
		expect((await getNationalFigures(ctx, { year: 2033 })).participants).toBe(1);
		const stored = () => t.db.selectFrom('event_figure').selectAll().where('event_id', '=', e.id).executeTakeFirstOrThrow();
		expect(Number((await stored()).stale)).toBe(0);

		// A new check-in (through the trigger) marks the event stale; the next read counts it.
		const late = await newAttendee(t.db, e.id, { structure: 'Mairie', role: 'elu' });
		expect(Number((await stored()).stale)).toBe(1);
		expect(await getNationalFigures(ctx, { year: 2033 })).toMatchObject({ participants: 2, elus: 1, structures: 2 });

		// An undone check-in counts too.
		await t.db.deleteFrom('checkin').where('registration_id', '=', late).execute();
		expect(await getNationalFigures(ctx, { year: 2033 })).toMatchObject({ participants: 1, elus: 0, structures: 1 });
	});

	it('test_retentionPurge_keepsNationalAndReportFigures_whenRegistrationsAreErased', async () => {
		const owner = await newUser(t.db);
		const old = await newPublishedEvent(t.db, owner, { startsAt: '2021-03-10T09:00:00+01:00', endsAt: '2021-03-10T17:00:00+01:00' });
		await newAttendee(t.db, old.id, { structure: 'Centre social', role: 'elu' });
		await newAttendee(t.db, old.id, { structure: 'Tiers-lieu' });
		await newAttendee(t.db, old.id, { structure: 'Absent', checkedIn: false });
		const before = await getNationalFigures(ctx, { year: 2021 });
		const reportBefore = (await getReport(ctx, { id: owner.id, isAdmin: false }, old.slug)).report.participation;
		expect(before).toMatchObject({ events: 1, participants: 2, elus: 1, structures: 2 });
		expect(reportBefore).toMatchObject({ registered: 3, attended: 2, elus: 1, structures: 2 });

		const erased = await purgeExpiredRegistrations(t.db, new Date('2025-01-01T00:00:00Z'));

		expect(erased).toBeGreaterThanOrEqual(3);
		const left = await t.db.selectFrom('registration').select('id').where('event_id', '=', old.id).execute();
		expect(left).toEqual([]);
		expect(await getNationalFigures(ctx, { year: 2021 })).toEqual(before);
		expect((await getReport(ctx, { id: owner.id, isAdmin: false }, old.slug)).report.participation).toEqual(reportBefore);
		// Frozen figures no longer move, whatever is written afterwards.
		await newAttendee(t.db, old.id, { structure: 'Arrivé après la purge' });
		expect((await getNationalFigures(ctx, { year: 2021 })).participants).toBe(2);
	});
});
