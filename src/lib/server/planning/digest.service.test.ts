import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { updateEvent, type ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { addCommitteeMember } from './committee.service.ts';
import { createTask, listTasks, setTaskStatus, updateTask } from './task.service.ts';
import {
	digestWindowOpen,
	weeklyTaskDigestsJob,
	findDigestSubscription,
	getDigestPreference,
	sendWeeklyTaskDigests,
	setDigestPreference,
	setDigestSubscriptionByToken
} from './digest.service.ts';
import { getTaskFeed, renderTaskFeed, resetTaskFeed } from './feed.service.ts';

// Monday 14 December 2026, 8 a.m. in Paris.
const MONDAY = new Date('2026-12-14T07:00:00Z');

describe.each(DIALECTS)('weekly e-mails and calendar feed on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	const mails = (to: string) =>
		t.db
			.selectFrom('mail_message')
			.select(['subject', 'text_body', 'html_body', 'kind', 'event_id'])
			.where('to_address', '=', to)
			.where('kind', '=', 'task-digest')
			.execute();

	it('test_each_owner_gets_one_email_a_week_with_late_and_coming_tasks', async () => {
		const alice = await newUser(t.db, { email: `alice-${dialect}@exemple.fr` });
		const ev = await newPreparedEvent(ctx, alice, { title: `NEC digest ${dialect}` }); // J = 2027-06-10
		const awa = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa', email: `awa-${dialect}@exemple.fr` });
		const nomail = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Sans adresse' });
		const byKey = new Map((await listTasks(ctx, alice, ev.slug, MONDAY)).tasks.map((x) => [x.templateKey, x]));
		// Late (12 Dec), due this week (fixed 18 Dec), far away (save-the-date 27 Dec is beyond 7 days).
		await updateTask(ctx, alice, ev.slug, byKey.get('venue-requirements')!.id, { owner: { type: 'member', id: alice.id } });
		await createTask(ctx, alice, ev.slug, {
			title: 'Relancer la Région',
			phase: 'framing',
			dueDate: '2026-12-18',
			owner: { type: 'member', id: alice.id }
		});
		await updateTask(ctx, alice, ev.slug, byKey.get('save-the-date')!.id, { owner: { type: 'member', id: alice.id } });
		await updateTask(ctx, alice, ev.slug, byKey.get('committee')!.id, { owner: { type: 'committee', id: awa.id } });
		await updateTask(ctx, alice, ev.slug, byKey.get('themes')!.id, { owner: { type: 'committee', id: nomail.id } });
		// Done tasks are not reminded.
		const done = await createTask(ctx, alice, ev.slug, {
			title: 'Déjà fait',
			phase: 'framing',
			dueDate: '2026-12-01',
			owner: { type: 'member', id: alice.id }
		});
		await setTaskStatus(ctx, alice, ev.slug, done.id, 'done');

		const run = await sendWeeklyTaskDigests(ctx, MONDAY);
		expect(run).toMatchObject({ week: '2026-W51', sent: 2, alreadySent: 0, optedOut: 0 });
		const [mail] = await mails(alice.email);
		expect(mail.subject).toBe(`« NEC digest ${dialect} » : vos tâches de la semaine`);
		expect(mail.event_id).toBe(ev.id);
		expect(mail.text_body).toContain(
			'En retard :\n– samedi 12 décembre 2026 (J\u2212180) : Cahier des charges logistique validé avec le lieu d’accueil'
		);
		expect(mail.text_body).toContain('Dans les 7 prochains jours :\n– vendredi 18 décembre 2026 (date fixe) : Relancer la Région');
		expect(mail.text_body).not.toContain('save the date');
		expect(mail.text_body).not.toContain('Déjà fait');
		expect(mail.text_body).toContain(`http://localhost:3000/organisateur/e/${ev.slug}/retroplanning`);
		expect((await mails(`awa-${dialect}@exemple.fr`))[0].text_body).toContain('Constituer le comité');

		// Same week, again: nothing new; next week: again.
		expect(await sendWeeklyTaskDigests(ctx, new Date('2026-12-17T10:00:00Z'))).toMatchObject({ sent: 0, alreadySent: 2 });
		expect(await mails(alice.email)).toHaveLength(1);
		expect(await sendWeeklyTaskDigests(ctx, new Date('2026-12-21T08:00:00Z'))).toMatchObject({ week: '2026-W52', sent: 2 });
		expect(await mails(alice.email)).toHaveLength(2);
		// Archived events send nothing.
		await updateEvent(ctx, alice, ev.slug, { status: 'archived' });
		expect(await sendWeeklyTaskDigests(ctx, new Date('2026-12-28T08:00:00Z'))).toMatchObject({ sent: 0 });
	});

	it('test_owners_opt_out_from_the_app_or_from_the_link', async () => {
		const alice = await newUser(t.db, { email: `alice2-${dialect}@exemple.fr` });
		const bob = await newUser(t.db, { email: `bob-${dialect}@exemple.fr` });
		const ev = await newPreparedEvent(ctx, alice);
		await addTeamMember(t.db, ev.id, bob.id, 'organiser');
		const awa = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa', email: `awa2-${dialect}@exemple.fr` });
		for (const owner of [
			{ type: 'member' as const, id: alice.id },
			{ type: 'member' as const, id: bob.id },
			{ type: 'committee' as const, id: awa.id }
		])
			await createTask(ctx, alice, ev.slug, { title: `Tâche de ${owner.id.slice(0, 4)}`, phase: 'framing', dueDate: '2026-12-15', owner });
		expect(await getDigestPreference(ctx, bob, ev.slug)).toEqual({ address: bob.email, receives: true });
		await setDigestPreference(ctx, bob, ev.slug, false);
		expect((await getDigestPreference(ctx, bob, ev.slug)).receives).toBe(false);

		const run = await sendWeeklyTaskDigests(ctx, MONDAY);
		expect(run.optedOut).toBe(1);
		expect(await mails(bob.email)).toHaveLength(0);
		const [awaMail] = await mails(`awa2-${dialect}@exemple.fr`);
		const link = /http:\/\/localhost:3000\/api\/v1\/events\/[^/]+\/tasks\/digest\?token=([\w%-]+)/.exec(awaMail.text_body);
		expect(link).not.toBeNull();
		const token = decodeURIComponent(link![1]);
		expect(await findDigestSubscription(t.db, ev.slug, token)).toEqual({
			eventTitle: ev.title,
			address: `awa2-${dialect}@exemple.fr`,
			receives: true
		});
		await expect(findDigestSubscription(t.db, 'autre-evenement', token)).rejects.toBeInstanceOf(NotFoundError);
		await expect(setDigestSubscriptionByToken(t.db, ev.slug, 'faux', false)).rejects.toBeInstanceOf(NotFoundError);
		await setDigestSubscriptionByToken(t.db, ev.slug, token, false);
		const next = await sendWeeklyTaskDigests(ctx, new Date('2026-12-21T08:00:00Z'));
		expect(next).toMatchObject({ sent: 1, optedOut: 2 });
		expect(await mails(`awa2-${dialect}@exemple.fr`)).toHaveLength(1);
	});

	it('test_digest_job_waits_for_monday_morning_in_paris', async () => {
		expect(digestWindowOpen(new Date('2026-12-14T05:30:00Z'))).toBe(false); // Monday 6:30 Paris
		expect(digestWindowOpen(new Date('2026-12-14T06:00:00Z'))).toBe(true); // Monday 7:00 Paris
		expect(digestWindowOpen(new Date('2026-12-15T01:00:00Z'))).toBe(true); // Tuesday night
		const sent: unknown[] = [];
		const job = weeklyTaskDigestsJob(ctx, { onSent: (run) => sent.push(run) });
		expect(job.name).toBe('weekly-task-digests');
		expect(await job.run(new Date('2026-12-14T05:30:00Z'))).toBeNull();
		expect(await job.run(new Date('2027-03-01T08:00:00Z'))).toMatchObject({ week: '2027-W09' });
	});

	it('test_calendar_feed_has_one_all_day_event_per_task_and_a_private_token', async () => {
		const alice = await newUser(t.db);
		const bob = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await addTeamMember(t.db, ev.id, bob.id, 'readonly');
		expect(await getTaskFeed(ctx, alice, ev.slug)).toBeNull();
		const feed = await resetTaskFeed(ctx, alice, ev.slug);
		expect(feed.all).toMatch(new RegExp(`^http://localhost:3000/api/v1/events/${ev.slug}/tasks\\.ics\\?token=[\\w-]{20,}$`));
		const token = new URL(feed.all).searchParams.get('token')!;
		const ics = await renderTaskFeed(ctx, ev.slug, { token });
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength((await listTasks(ctx, alice, ev.slug)).tasks.length);
		const unfolded = ics.replace(/\r\n[ \t]/g, '');
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20261212');
		expect(unfolded).toContain('SUMMARY:◆ J\u2212180 · Cahier des charges logistique validé avec le lieu d’accueil');
		const mine = await createTask(ctx, alice, ev.slug, {
			title: 'À moi',
			phase: 'day',
			offsetDays: 0,
			owner: { type: 'member', id: alice.id }
		});
		const onlyMine = await renderTaskFeed(ctx, ev.slug, { token }, { mine: true });
		expect(onlyMine.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		expect(onlyMine).toContain(`UID:${mine.id}@maillage`);
		// Another event's slug, an old token, or a member who left: nothing.
		const other = await newPreparedEvent(ctx, alice);
		await expect(renderTaskFeed(ctx, other.slug, { token })).rejects.toBeInstanceOf(NotFoundError);
		const renewed = await resetTaskFeed(ctx, alice, ev.slug);
		await expect(renderTaskFeed(ctx, ev.slug, { token })).rejects.toBeInstanceOf(NotFoundError);
		const bobFeed = await resetTaskFeed(ctx, bob, ev.slug);
		await t.db.deleteFrom('event_member').where('event_id', '=', ev.id).where('user_id', '=', bob.id).execute();
		await expect(renderTaskFeed(ctx, ev.slug, { token: new URL(bobFeed.all).searchParams.get('token')! })).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await renderTaskFeed(ctx, ev.slug, { token: new URL(renewed.all).searchParams.get('token')! })).toContain('BEGIN:VEVENT');
		await expect(renderTaskFeed(ctx, ev.slug, { actor: null })).rejects.toBeInstanceOf(NotFoundError);
	});
});
