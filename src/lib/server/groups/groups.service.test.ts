import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent, newParticipant } from '../../../../tests/factories/network.ts';
import { newSession } from '../../../../tests/factories/registrations.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { optInByToken, withdrawByToken } from '../network/profile.service.ts';
import {
	addNote,
	createGroup,
	deleteNote,
	getGroupForParticipant,
	getGroupForTeam,
	getTeamGroupsPage,
	joinGroup,
	leaveGroup,
	listGroupsForParticipant,
	listPublicSessionGroups,
	listWorkingGroups,
	nextMeetingIcsForParticipant,
	setCoordinator,
	updateGroup
} from './groups.service.ts';

describe.each(DIALECTS)('working groups on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	/** An event with a workshop and `count` participants who all opted in to its directory. */
	async function eventWithWorkshop(count = 2) {
		const e = await newNetworkEvent(ctx, count);
		const workshop = await newSession(t.db, e.event.id, { title: 'Atelier « Aidants » & co', format: 'workshop' });
		for (const p of e.people) await optInByToken(ctx, p.token, {});
		const ids = [];
		for (const p of e.people)
			ids.push((await t.db.selectFrom('network_profile').select('id').where('registration_id', '=', p.id).executeTakeFirstOrThrow()).id);
		return { ...e, workshop, ids };
	}

	const groupInput = (overrides: Record<string, unknown> = {}) => ({
		title: 'Suite de l’atelier Aidants',
		purpose: 'Écrire un guide commun',
		sessionId: '',
		status: 'active',
		nextMeetingAt: '',
		nextMeetingMinutes: '',
		nextMeetingPlace: '',
		...overrides
	});

	it('test_team_creates_a_group_from_a_workshop_and_edits_its_next_meeting', async () => {
		const { owner, event, workshop } = await eventWithWorkshop(0);
		const created = await createGroup(ctx, owner, event.slug, groupInput({ sessionId: workshop }));
		expect(created).toMatchObject({
			title: 'Suite de l’atelier Aidants',
			status: 'active',
			session: { id: workshop, title: 'Atelier « Aidants » & co' },
			nextMeeting: null,
			members: 0
		});
		const edited = await updateGroup(
			ctx,
			owner,
			event.slug,
			created.id,
			groupInput({ sessionId: workshop, nextMeetingAt: '2027-09-15T14:00', nextMeetingPlace: 'Médiathèque, salle 2' })
		);
		// Typed as Paris time; 60 minutes when no length is given.
		expect(edited.nextMeeting).toEqual({ startsAt: '2027-09-15T14:00:00+02:00', minutes: 60, place: 'Médiathèque, salle 2' });
		const page = await getTeamGroupsPage(ctx, owner, event.slug);
		expect(page.canEdit).toBe(true);
		expect(page.groups.map((g) => g.id)).toEqual([created.id]);
		expect(page.sessions.map((s) => s.id)).toContain(workshop);
		expect(await listPublicSessionGroups(ctx, workshop)).toEqual([
			{ id: created.id, title: 'Suite de l’atelier Aidants', purpose: 'Écrire un guide commun' }
		]);
	});

	it('test_bad_group_input_is_refused_field_by_field_and_nothing_is_written', async () => {
		const { owner, event } = await eventWithWorkshop(0);
		const other = await eventWithWorkshop(0);
		expect(
			await issuesOf(
				createGroup(
					ctx,
					owner,
					event.slug,
					groupInput({ title: ' ', sessionId: other.workshop, nextMeetingAt: '2027-02-30T10:00', nextMeetingMinutes: '5', status: 'x' })
				)
			)
		).toEqual([
			'title:errors.required',
			'status:errors.invalidChoice',
			'nextMeetingAt:errors.dateTime',
			'nextMeetingMinutes:errors.tooSmall'
		]);
		expect(
			await issuesOf(createGroup(ctx, owner, event.slug, groupInput({ sessionId: other.workshop, nextMeetingMinutes: '90' })))
		).toEqual(['sessionId:groups.errors.unknownSession', 'nextMeetingAt:groups.errors.meetingDateRequired']);
		expect(await listWorkingGroups(ctx, owner, event.slug)).toEqual([]);
	});

	it('test_another_events_organiser_cannot_see_or_edit_and_readonly_cannot_edit', async () => {
		const { owner, event, people } = await eventWithWorkshop(1);
		const group = await createGroup(ctx, owner, event.slug, groupInput());
		const stranger = await eventWithWorkshop(0);
		await expect(listWorkingGroups(ctx, stranger.owner, event.slug)).rejects.toThrow(NotFoundError);
		await expect(getGroupForTeam(ctx, stranger.owner, event.slug, group.id)).rejects.toThrow(NotFoundError);
		await expect(updateGroup(ctx, stranger.owner, event.slug, group.id, groupInput({ title: 'Pris' }))).rejects.toThrow(NotFoundError);
		// Through their own event's address, the other event's group does not exist either.
		await expect(updateGroup(ctx, stranger.owner, stranger.event.slug, group.id, groupInput())).rejects.toThrow(NotFoundError);
		await expect(getGroupForTeam(ctx, stranger.owner, stranger.event.slug, group.id)).rejects.toThrow(NotFoundError);
		const reader = await newUser(t.db);
		await addTeamMember(t.db, event.id, reader.id, 'readonly');
		expect((await getTeamGroupsPage(ctx, reader, event.slug)).canEdit).toBe(false);
		await expect(createGroup(ctx, reader, event.slug, groupInput())).rejects.toThrow(ForbiddenError);
		await expect(setCoordinator(ctx, reader, event.slug, group.id, { profileId: 'x', coordinator: true })).rejects.toThrow(ForbiddenError);
		// A participant of another event cannot reach the group from their link.
		await expect(joinGroup(ctx, (await eventWithWorkshop(1)).people[0].token, group.id)).rejects.toThrow(NotFoundError);
		expect((await getGroupForTeam(ctx, owner, event.slug, group.id)).group.title).toBe('Suite de l’atelier Aidants');
		expect(people).toHaveLength(1);
	});

	it('test_members_join_see_each_other_without_addresses_add_notes_and_leave', async () => {
		const { owner, event, people, ids } = await eventWithWorkshop(2);
		const [ana, ben] = people;
		const group = await createGroup(ctx, owner, event.slug, groupInput());
		await joinGroup(ctx, ana.token, group.id);
		await joinGroup(ctx, ana.token, group.id);
		await joinGroup(ctx, ben.token, group.id);
		await addNote(ctx, ana.token, group.id, {
			title: '<b>Compte rendu</b>',
			body: 'Prochaine étape :\r\nle guide',
			url: 'https://pad.example.org/x'
		});

		const seen = await getGroupForParticipant(ctx, ben.token, group.id);
		expect(seen.myRole).toBe('member');
		expect(seen.members!.map((m) => [m.name, m.mine])).toEqual(
			[
				[ana.name, false],
				[ben.name, true]
			].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
		);
		expect(seen.notes!.map((n) => [n.title, n.body, n.authorName, n.canDelete])).toEqual([
			['<b>Compte rendu</b>', 'Prochaine étape :\nle guide', ana.name, false]
		]);
		const emails = await t.db.selectFrom('registration').select('email').where('id', 'in', [ana.id, ben.id]).execute();
		for (const { email } of emails) expect(JSON.stringify(seen)).not.toContain(email);
		expect((await listGroupsForParticipant(ctx, ana.token)).groups.map((g) => [g.members, g.notes, g.myRole])).toEqual([[2, 1, 'member']]);

		await leaveGroup(ctx, ben.token, group.id);
		const after = await getGroupForParticipant(ctx, ben.token, group.id);
		expect([after.myRole, after.members, after.notes]).toEqual([null, null, null]);
		expect(after.group.members).toBe(1);
		expect(ids).toHaveLength(2);
	});

	it('test_non_member_and_not_opted_in_participants_cannot_add_notes', async () => {
		const { owner, event, people } = await eventWithWorkshop(1);
		const group = await createGroup(ctx, owner, event.slug, groupInput());
		await expect(addNote(ctx, people[0].token, group.id, { title: 'Intrus' })).rejects.toThrow(ForbiddenError);
		const outsider = await newParticipant(ctx, event.slug);
		await expect(listGroupsForParticipant(ctx, outsider.token)).rejects.toThrow(ForbiddenError);
		await expect(joinGroup(ctx, outsider.token, group.id)).rejects.toThrow(ForbiddenError);
		await joinGroup(ctx, people[0].token, group.id);
		expect(await issuesOf(addNote(ctx, people[0].token, group.id, { title: '', url: 'javascript:alert(1)' }))).toEqual([
			'title:errors.required',
			'url:errors.url'
		]);
		expect(await t.db.selectFrom('working_group_note').select('id').where('group_id', '=', group.id).execute()).toEqual([]);
	});

	it('test_closed_groups_refuse_joins', async () => {
		const { owner, event, people } = await eventWithWorkshop(2);
		const group = await createGroup(ctx, owner, event.slug, groupInput());
		await joinGroup(ctx, people[0].token, group.id);
		await updateGroup(ctx, owner, event.slug, group.id, groupInput({ status: 'closed' }));
		await expect(joinGroup(ctx, people[1].token, group.id)).rejects.toThrow(ConflictError);
		expect((await getGroupForTeam(ctx, owner, event.slug, group.id)).members.map((m) => m.name)).toEqual([people[0].name]);
	});

	it('test_coordinator_named_by_the_team_removes_others_notes_a_member_cannot', async () => {
		const { owner, event, people, ids } = await eventWithWorkshop(2);
		const [ana, ben] = people;
		const group = await createGroup(ctx, owner, event.slug, groupInput());
		await joinGroup(ctx, ana.token, group.id);
		await joinGroup(ctx, ben.token, group.id);
		const note = await addNote(ctx, ben.token, group.id, { title: 'Lien', url: 'https://exemple.fr' });
		await expect(deleteNote(ctx, ana.token, group.id, note.id)).rejects.toThrow(ForbiddenError);
		await setCoordinator(ctx, owner, event.slug, group.id, { profileId: ids[0], coordinator: 'true' });
		expect((await getGroupForTeam(ctx, owner, event.slug, group.id)).group.coordinators).toBe(1);
		await deleteNote(ctx, ana.token, group.id, note.id);
		expect((await getGroupForParticipant(ctx, ben.token, group.id)).notes).toEqual([]);
		const outsider = await eventWithWorkshop(1);
		await expect(setCoordinator(ctx, owner, event.slug, group.id, { profileId: outsider.ids[0], coordinator: true })).rejects.toThrow(
			NotFoundError
		);
	});

	it('test_next_meeting_as_ics_and_withdrawn_members_leave_every_group', async () => {
		const { owner, event, people } = await eventWithWorkshop(2);
		const group = await createGroup(
			ctx,
			owner,
			event.slug,
			groupInput({ nextMeetingAt: '2027-09-15T14:00', nextMeetingMinutes: '90', nextMeetingPlace: 'Tiers-lieu' })
		);
		const ics = await nextMeetingIcsForParticipant(ctx, people[0].token, group.id);
		expect(ics).toContain('DTSTART:20270915T120000Z');
		expect(ics).toContain('DTEND:20270915T133000Z');
		expect(ics).toContain('LOCATION:Tiers-lieu');
		const bare = await createGroup(ctx, owner, event.slug, groupInput({ title: 'Sans réunion' }));
		await expect(nextMeetingIcsForParticipant(ctx, people[0].token, bare.id)).rejects.toThrow(NotFoundError);

		await joinGroup(ctx, people[0].token, group.id);
		await joinGroup(ctx, people[1].token, group.id);
		await addNote(ctx, people[0].token, group.id, { title: 'Note d’Ana' });
		await withdrawByToken(ctx, people[0].token);
		const seen = await getGroupForParticipant(ctx, people[1].token, group.id);
		expect(seen.members!.map((m) => m.name)).toEqual([people[1].name]);
		expect(JSON.stringify(seen)).not.toContain(people[0].name);
		expect(seen.notes!.map((n) => n.authorName)).toEqual([null]);
	});
});
