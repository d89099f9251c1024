import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import {
	addCommitteeMember,
	addMeeting,
	addTimeEntry,
	deleteMeeting,
	deleteTimeEntry,
	importEventOrganisers,
	listCommittee,
	listMeetings,
	listTime,
	removeCommitteeMember,
	updateCommitteeMember,
	updateMeeting
} from './committee.service.ts';
import { createTask, listTasks } from './task.service.ts';

describe.each(DIALECTS)('committee, meetings and time on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_committee_lists_structures_with_their_people_and_roles', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] });
		const syndicat = await addCommitteeMember(ctx, alice, ev.slug, {
			kind: 'structure',
			name: 'Syndicat mixte A',
			roles: ['coordination']
		});
		const asso = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'structure', name: 'Asso Les Connectés' });
		const awa = await addCommitteeMember(ctx, alice, ev.slug, {
			kind: 'person',
			name: 'Awa Diallo',
			structureId: asso.id,
			roles: ['programming', 'communication', 'programming'],
			customRole: 'Référente accessibilité',
			email: 'Awa@Exemple.fr'
		});
		const lone = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Jules Petit', roles: ['stage'] });
		const paul = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Paul Roux', structureId: syndicat.id });
		expect(awa).toMatchObject({
			structureName: 'Asso Les Connectés',
			roles: ['programming', 'communication'],
			customRole: 'Référente accessibilité',
			email: 'awa@exemple.fr'
		});
		const { members } = await listCommittee(ctx, alice, ev.slug);
		expect(members.map((m) => m.name)).toEqual(['Syndicat mixte A', 'Paul Roux', 'Asso Les Connectés', 'Awa Diallo', 'Jules Petit']);
		expect(lone.structureId).toBeNull();

		// Removing a structure leaves its people without one.
		await removeCommitteeMember(ctx, alice, ev.slug, syndicat.id);
		const after = await listCommittee(ctx, alice, ev.slug);
		expect(after.members.find((m) => m.id === paul.id)).toMatchObject({ structureId: null, structureName: null });
	});

	it('test_committee_bad_input_is_refused', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] });
		const person = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa' });
		expect(
			await issuesOf(addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: '', email: 'pas-une-adresse', roles: ['chef'] }))
		).toEqual(expect.arrayContaining(['name:errors.required', 'email:errors.email', 'roles.0:errors.invalidChoice']));
		// A person's structure must be a structure of this committee.
		expect(await issuesOf(addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Léa', structureId: person.id }))).toEqual([
			'structureId:committee.errors.structureUnknown'
		]);
		expect(
			await issuesOf(updateCommitteeMember(ctx, alice, ev.slug, person.id, { kind: 'structure', name: 'X', structureId: person.id }))
		).toEqual(['structureId:committee.errors.structureInStructure']);
		expect((await listCommittee(ctx, alice, ev.slug)).members.map((m) => m.name)).toEqual(['Awa']);
	});

	it('test_import_organisers_skips_those_already_in_the_committee', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, {
			organisers: [
				{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', role: 'lead' },
				{ name: 'Ville de Limoges', type: 'collectivite', role: 'co-organiser' }
			]
		});
		expect(await importEventOrganisers(ctx, alice, ev.slug)).toBe(0);
		await addCommitteeMember(ctx, alice, ev.slug, { kind: 'structure', name: 'Département' });
		expect((await listCommittee(ctx, alice, ev.slug)).members.map((m) => m.name)).toEqual([
			'Hub Nouvelle-Aquitaine',
			'Ville de Limoges',
			'Département'
		]);
	});

	it('test_meetings_log_attendees_and_decisions_latest_first', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] });
		const a = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa' });
		const b = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Bruno' });
		const first = await addMeeting(ctx, alice, ev.slug, {
			heldOn: '2026-11-05',
			title: 'Comité de lancement',
			durationMinutes: 120,
			attendeeIds: [b.id, a.id, a.id],
			otherAttendees: 'Un élu de la commune',
			decisions: 'Date : 10 juin\n\n Lieu : Espace Noriac '
		});
		expect(first.attendees.map((x) => x.name)).toEqual(['Awa', 'Bruno']);
		expect(first.decisions).toEqual(['Date : 10 juin', 'Lieu : Espace Noriac']);
		await addMeeting(ctx, alice, ev.slug, { heldOn: '2026-12-03', title: 'Comité programmation', attendeeIds: [a.id] });
		const { meetings } = await listMeetings(ctx, alice, ev.slug);
		expect(meetings.map((m) => m.title)).toEqual(['Comité programmation', 'Comité de lancement']);
		const changed = await updateMeeting(ctx, alice, ev.slug, first.id, {
			heldOn: '2026-11-06',
			title: 'Lancement',
			durationMinutes: null,
			attendeeIds: [b.id]
		});
		expect(changed).toMatchObject({
			heldOn: '2026-11-06',
			title: 'Lancement',
			durationMinutes: null,
			attendees: [{ id: b.id, name: 'Bruno' }],
			// The fields left out keep their stored values (PATCH): the other attendees' line stays.
			otherAttendees: 'Un élu de la commune'
		});

		const stranger = await addCommitteeMember(ctx, alice, (await newPreparedEvent(ctx, alice)).slug, { kind: 'person', name: 'Ailleurs' });
		expect(
			await issuesOf(addMeeting(ctx, alice, ev.slug, { heldOn: '2026-13-01', title: '', durationMinutes: 0, attendeeIds: [] }))
		).toEqual(expect.arrayContaining(['heldOn:errors.date', 'title:errors.required', 'durationMinutes:committee.errors.durationInvalid']));
		expect(await issuesOf(addMeeting(ctx, alice, ev.slug, { heldOn: '2026-12-10', title: 'X', attendeeIds: [stranger.id] }))).toEqual([
			'attendeeIds:committee.errors.attendeeUnknown'
		]);
		await deleteMeeting(ctx, alice, ev.slug, first.id);
		expect((await listMeetings(ctx, alice, ev.slug)).meetings).toHaveLength(1);
	});

	it('test_time_totals_per_member_and_phase', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] });
		const awa = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa' });
		const hub = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'structure', name: 'Hub' });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: awa.id, phase: 'framing', minutes: 7 * 60, spentOn: '2026-11-05' });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: awa.id, phase: 'production', minutes: 90 });
		const gone = await addTimeEntry(ctx, alice, ev.slug, { memberId: hub.id, phase: 'framing', minutes: 30, description: 'Réunion' });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: hub.id, phase: 'day', minutes: 14 * 60 });
		await deleteTimeEntry(ctx, alice, ev.slug, gone.id);
		const { summary, members } = await listTime(ctx, alice, ev.slug);
		expect(summary.totalMinutes).toBe(7 * 60 + 90 + 14 * 60);
		expect(summary.byPhase).toMatchObject({ framing: 420, production: 90, day: 840, mobilisation: 0 });
		// In the committee's order: structures first, then people without a structure.
		expect(summary.byMember.map((m) => [m.name, m.minutes])).toEqual([
			['Hub', 840],
			['Awa', 510]
		]);
		expect(members.find((m) => m.id === awa.id)?.minutes).toBe(510);
		expect(await issuesOf(addTimeEntry(ctx, alice, ev.slug, { memberId: awa.id, phase: 'framing', minutes: 0 }))).toEqual([
			'minutes:committee.errors.timeInvalid'
		]);
		expect(await issuesOf(addTimeEntry(ctx, alice, ev.slug, { memberId: crypto.randomUUID(), phase: 'framing', minutes: 60 }))).toEqual([
			'memberId:committee.errors.memberUnknown'
		]);
	});

	it('test_removing_a_member_unassigns_their_tasks', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] });
		const awa = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa' });
		const task = await createTask(ctx, alice, ev.slug, {
			title: 'Affiches',
			phase: 'production',
			offsetDays: -40,
			owner: { type: 'committee', id: awa.id }
		});
		await addTimeEntry(ctx, alice, ev.slug, { memberId: awa.id, phase: 'production', minutes: 60 });
		await removeCommitteeMember(ctx, alice, ev.slug, awa.id);
		expect((await listTasks(ctx, alice, ev.slug)).tasks.find((x) => x.id === task.id)?.owner).toBeNull();
		expect((await listTime(ctx, alice, ev.slug)).entries).toEqual([]);
	});

	it('test_permissions_outsider_404_readonly_403', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		await expect(listCommittee(ctx, stranger, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listMeetings(ctx, stranger, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listTime(ctx, null, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listCommittee(ctx, reader, ev.slug)).members.length).toBe(1);
		await expect(addCommitteeMember(ctx, reader, ev.slug, { kind: 'person', name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(addMeeting(ctx, reader, ev.slug, { heldOn: '2026-12-01', title: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
	});
});
