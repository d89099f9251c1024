import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent, newParticipant } from '../../../../tests/factories/network.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { maskPrivateLinks } from '../mail/private-links.ts';
import { optInByToken } from '../network/profile.service.ts';
import { createGroup, getGroupForParticipant, joinGroup, setCoordinator, updateGroup } from './groups.service.ts';
import {
	acceptInvitation,
	getInvitation,
	inviteAsCoordinator,
	inviteAsTeam,
	listInvitations,
	revokeInvitation
} from './invitation.service.ts';

describe.each(DIALECTS)('working group invitations on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	const invitationMail = async (to: string) =>
		t.db
			.selectFrom('mail_message')
			.select(['subject', 'text_body'])
			.where('to_address', '=', to)
			.where('kind', '=', 'group-invitation')
			.executeTakeFirstOrThrow();
	const tokenIn = (text: string) => /\/groupes\/invitation\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
	const emailOf = async (registrationId: string) =>
		(await t.db.selectFrom('registration').select('email').where('id', '=', registrationId).executeTakeFirstOrThrow()).email!;

	it('test_team_invites_a_registered_participant_who_accepts_once_and_enters_the_group', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 2);
		const [ana, ben] = people;
		await optInByToken(ctx, ana.token, {});
		const group = await createGroup(ctx, owner, event.slug, { title: 'Guide <des> aidants' });
		await joinGroup(ctx, ana.token, group.id);
		const benEmail = await emailOf(ben.id);
		// Typed in capitals: the address is matched whatever its case.
		await inviteAsTeam(ctx, owner, event.slug, group.id, { email: ` ${benEmail.toUpperCase()} ` });
		const mail = await invitationMail(benEmail);
		expect(mail.subject).toContain('Guide <des> aidants');
		const token = tokenIn(mail.text_body);
		expect(maskPrivateLinks(mail.text_body)).not.toContain(token);

		// Ben never opted in to the directory: the page says accepting puts him in it.
		expect(await getInvitation(ctx, token)).toMatchObject({
			registered: true,
			inDirectory: false,
			group: { title: 'Guide <des> aidants' }
		});
		expect(await acceptInvitation(ctx, token)).toMatchObject({
			groupTitle: 'Guide <des> aidants',
			eventTitle: event.title,
			asAccount: false
		});
		const seen = await getGroupForParticipant(ctx, ben.token, group.id);
		expect(seen.myRole).toBe('member');
		expect(seen.members!.map((m) => m.name).sort()).toEqual([ana.name, ben.name].sort());
		// Linked to his registration.
		const profile = await t.db
			.selectFrom('network_profile')
			.select('registration_id')
			.where('registration_id', '=', ben.id)
			.executeTakeFirst();
		expect(profile).toBeDefined();
		// Used: the link is gone.
		await expect(getInvitation(ctx, token)).rejects.toThrow(NotFoundError);
		await expect(acceptInvitation(ctx, token)).rejects.toThrow(NotFoundError);
		await expect(getInvitation(ctx, 'wgi_inconnu')).rejects.toThrow(NotFoundError);
		await expect(acceptInvitation(ctx, '')).rejects.toThrow(NotFoundError);
	});

	it('test_an_address_without_registration_is_asked_to_register_and_the_link_stays_valid', async () => {
		const { owner, event } = await newNetworkEvent(ctx, 0);
		const group = await createGroup(ctx, owner, event.slug, { title: 'Charte' });
		const email = `nouvelle-${dialect}@exemple.fr`;
		await inviteAsTeam(ctx, owner, event.slug, group.id, { email });
		const token = tokenIn((await invitationMail(email)).text_body);
		expect(await getInvitation(ctx, token)).toMatchObject({ registered: false });
		const refused = await acceptInvitation(ctx, token).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ConflictError);
		expect((refused as ConflictError).issues).toEqual([{ field: '_', message: 'groups.invitation.notRegistered' }]);
		// She registers with that address, then the same link works.
		const cleo = await newParticipant(ctx, event.slug, { email });
		await acceptInvitation(ctx, token);
		expect((await getGroupForParticipant(ctx, cleo.token, group.id)).myRole).toBe('member');
	});

	it('test_only_coordinators_and_the_editing_team_invite_bad_addresses_and_closed_groups_are_refused', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 2);
		const [ana, ben] = people;
		for (const p of people) await optInByToken(ctx, p.token, {});
		const group = await createGroup(ctx, owner, event.slug, { title: 'Outils' });
		await joinGroup(ctx, ana.token, group.id);
		await joinGroup(ctx, ben.token, group.id);
		await expect(inviteAsCoordinator(ctx, ana.token, group.id, { email: 'x@exemple.fr' })).rejects.toThrow(ForbiddenError);
		const anaProfile = (
			await t.db.selectFrom('network_profile').select('id').where('registration_id', '=', ana.id).executeTakeFirstOrThrow()
		).id;
		await setCoordinator(ctx, owner, event.slug, group.id, { profileId: anaProfile, coordinator: true });
		await inviteAsCoordinator(ctx, ana.token, group.id, { email: `invite-${dialect}@exemple.fr` });
		expect((await invitationMail(`invite-${dialect}@exemple.fr`)).text_body).toContain(ana.name);

		const reader = await newUser(t.db);
		await addTeamMember(t.db, event.id, reader.id, 'readonly');
		await expect(inviteAsTeam(ctx, reader, event.slug, group.id, { email: 'y@exemple.fr' })).rejects.toThrow(ForbiddenError);
		const stranger = await newNetworkEvent(ctx, 0);
		await expect(inviteAsTeam(ctx, stranger.owner, event.slug, group.id, { email: 'y@exemple.fr' })).rejects.toThrow(NotFoundError);
		expect(await issuesOf(inviteAsTeam(ctx, owner, event.slug, group.id, { email: 'pas-une-adresse' }))).toEqual(['email:errors.email']);
		expect(await issuesOf(inviteAsTeam(ctx, owner, event.slug, group.id, { email: '' }))).toEqual(['email:errors.required']);

		// An invitation sent before the group closed cannot be accepted after.
		const email = await emailOf((await newParticipant(ctx, event.slug)).id);
		await inviteAsTeam(ctx, owner, event.slug, group.id, { email });
		await updateGroup(ctx, owner, event.slug, group.id, { title: 'Outils', status: 'closed' });
		await expect(acceptInvitation(ctx, tokenIn((await invitationMail(email)).text_body))).rejects.toThrow(ConflictError);
		await expect(inviteAsTeam(ctx, owner, event.slug, group.id, { email: 'z@exemple.fr' })).rejects.toThrow(ConflictError);
		const sent = await t.db.selectFrom('working_group_invitation').select('email').where('group_id', '=', group.id).execute();
		expect(sent.map((r) => r.email).sort()).toEqual([`invite-${dialect}@exemple.fr`, email.toLowerCase()].sort());
	});

	it('test_team_lists_and_revokes_open_invitations_outsiders_see_nothing_and_an_accepted_one_stays', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 2);
		const [ana, ben] = people;
		const group = await createGroup(ctx, owner, event.slug, { title: 'Ateliers' });
		const benEmail = await emailOf(ben.id);
		const toBen = await inviteAsTeam(ctx, owner, event.slug, group.id, { email: benEmail });
		const toNobody = await inviteAsTeam(ctx, owner, event.slug, group.id, { email: `Personne-${dialect}@Exemple.fr` });
		expect(toNobody).toMatchObject({ email: `personne-${dialect}@exemple.fr`, acceptedAt: null });
		await acceptInvitation(ctx, tokenIn((await invitationMail(benEmail)).text_body));

		const listed = await listInvitations(ctx, owner, event.slug, group.id);
		expect(listed.map((i) => [i.id, i.acceptedAt === null])).toEqual([
			[toNobody.id, true],
			[toBen.id, false]
		]);
		expect(JSON.stringify(listed)).not.toContain('wgi_');

		const reader = await newUser(t.db);
		await addTeamMember(t.db, event.id, reader.id, 'readonly');
		expect(await listInvitations(ctx, reader, event.slug, group.id)).toHaveLength(2);
		await expect(revokeInvitation(ctx, reader, event.slug, group.id, toNobody.id)).rejects.toThrow(ForbiddenError);
		const stranger = await newNetworkEvent(ctx, 0);
		await expect(listInvitations(ctx, stranger.owner, event.slug, group.id)).rejects.toThrow(NotFoundError);
		await expect(revokeInvitation(ctx, stranger.owner, event.slug, group.id, toNobody.id)).rejects.toThrow(NotFoundError);
		// Another event's group, even one's own, is not found under this event's address.
		const other = await createGroup(ctx, stranger.owner, stranger.event.slug, { title: 'Ailleurs' });
		await expect(listInvitations(ctx, owner, event.slug, other.id)).rejects.toThrow(NotFoundError);

		await expect(revokeInvitation(ctx, owner, event.slug, group.id, toBen.id)).rejects.toThrow(ConflictError);
		const nobodyToken = tokenIn((await invitationMail(`personne-${dialect}@exemple.fr`)).text_body);
		await revokeInvitation(ctx, owner, event.slug, group.id, toNobody.id);
		await expect(getInvitation(ctx, nobodyToken)).rejects.toThrow(NotFoundError);
		await expect(revokeInvitation(ctx, owner, event.slug, group.id, toNobody.id)).rejects.toThrow(NotFoundError);
		expect((await listInvitations(ctx, owner, event.slug, group.id)).map((i) => i.id)).toEqual([toBen.id]);

		// A coordinator's private link invites only within its own event's address.
		await optInByToken(ctx, ana.token, {});
		await joinGroup(ctx, ana.token, group.id);
		const anaProfile = (
			await t.db.selectFrom('network_profile').select('id').where('registration_id', '=', ana.id).executeTakeFirstOrThrow()
		).id;
		await setCoordinator(ctx, owner, event.slug, group.id, { profileId: anaProfile, coordinator: true });
		await expect(
			inviteAsCoordinator(ctx, ana.token, group.id, { email: 'a@exemple.fr' }, { eventSlug: stranger.event.slug })
		).rejects.toThrow(NotFoundError);
		expect(await inviteAsCoordinator(ctx, ana.token, group.id, { email: 'a@exemple.fr' }, { eventSlug: event.slug })).toMatchObject({
			email: 'a@exemple.fr'
		});
	});
});
