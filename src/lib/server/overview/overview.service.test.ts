import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, newSpeaker, registrationInput } from '../../../../tests/factories/registrations.ts';
import { type ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { updateRegistrationSettings } from '../registrations/registration-settings.service.ts';
import { getEventOverview } from './overview.service.ts';

describe.each(DIALECTS)('event overview on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_overview_figures_and_next_steps_come_from_the_event_data', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner, { label: { status: 'not_requested', requestedOn: null } }); // 10–11 June 2027
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 2, waitlistEnabled: true });
		const session = await newSession(t.db, ev.id);
		const speaker = await newSpeaker(t.db, ev.id, session, 'Inès Martin');
		await t.db.updateTable('speaker').set({ status: 'invited' }).where('id', '=', speaker).execute();
		const now = new Date('2027-01-20T10:00:00Z');
		for (let i = 0; i < 3; i++) await registerParticipant(ctx, null, ev.slug, registrationInput(), { now });

		const o = await getEventOverview(ctx, owner, ev.slug, 'fr', now);

		expect(o.figures).toMatchObject({ participants: 2, capacity: 2, placesLeft: 0, waitlisted: 1, sessions: 1, speakersWaiting: 1 });
		expect(o.figures.tasksLate).toBeGreaterThan(0);
		const keys = o.steps.map((s) => s.key);
		expect(keys).toContain('labelDue');
		expect(keys).toContain('speakersWaiting');
		expect(keys).toContain('full');
		expect(keys.indexOf('taskLate')).toBeLessThan(keys.indexOf('speakersWaiting'));
		expect(o.phase).toBe('prepare');
		await expect(getEventOverview(ctx, await newUser(t.db), ev.slug)).rejects.toBeInstanceOf(NotFoundError);
	});
});
